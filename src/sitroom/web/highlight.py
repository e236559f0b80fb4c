"""The source text with every claim marked: <mark> elements coloured by kind, the first piece of each claim
carrying id="claim-<id>" so that /sources/<id>/#claim-<id> scrolls to the exact span.

Claims can overlap (a place inside a figure, two figures sharing a number); the text is cut at every
claim boundary and each piece is wrapped in the marks of every claim covering it, outermost first."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def highlight(text: str, claims) -> SafeString:
    spans = [c for c in claims if 0 <= c.start < c.end <= len(text)]
    bounds = sorted({0, len(text), *(c.start for c in spans), *(c.end for c in spans)})
    ordered = sorted(spans, key=lambda c: (c.start, -c.end, c.id))
    seen: set[int] = set()
    out: list[str] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        piece = escape(text[a:b])
        covering = [c for c in ordered if c.start <= a and c.end >= b]
        if not covering:
            out.append(piece)
            continue
        opening = []
        for c in covering:
            anchor = "" if c.id in seen else f' id="claim-{c.id}"'
            seen.add(c.id)
            opening.append(
                f'<mark class="claim claim-{escape(c.kind)} status-{escape(c.status)}" data-claim="{c.id}"{anchor}'
                f' title="{escape(c.kind)}, {escape(c.status)}">'
            )
        out.append("".join(opening) + piece + "</mark>" * len(covering))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above
