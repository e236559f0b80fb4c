"""Template helpers of the web pages that would otherwise cost thousands of template nodes per page."""

from __future__ import annotations

from functools import lru_cache
from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@lru_cache(maxsize=16)
def _options(choices: tuple[tuple[str, str], ...]) -> tuple[str, dict[str, tuple[str, str]]]:
    """The options' HTML and, for each value, its <option> element as it is and marked selected
    (same escaping as the template engine)."""
    parts, elements = [], {}
    for value, label in choices:
        element = f'<option value="{escape(value)}">{escape(label)}</option>'
        parts.append(element)
        elements.setdefault(value, (element, element.replace('">', '" selected>', 1)))
    return "".join(parts), elements


@register.simple_tag
def select_options(choices, selected) -> SafeString:
    """The <option> elements of a filter select (value, label pairs), the one equal to `selected` marked.

    Same HTML as a {% for %} loop over the pairs, written in one pass (and kept while the pairs stay the
    same): the place filter alone has thousands of options, which the template engine renders slowly."""
    html, elements = _options(tuple((str(v), str(label)) for v, label in choices))
    element = elements.get("" if selected is None else str(selected))
    if element:
        html = html.replace(element[0], element[1], 1)
    return mark_safe(html)  # noqa: S308 - every value and label is escaped in _options
