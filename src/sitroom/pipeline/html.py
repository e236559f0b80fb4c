"""HTML to document text with selectolax: the readable text of the page, without scripts, styles,
navigation, headers, footers and asides. Block elements end lines so paragraphs stay apart."""

from __future__ import annotations

import re

STAGE = "html"
VERSION = "1"

_DROPPED = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "template")
_BLOCKS = (
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section", "article",
    "figcaption", "figure", "pre", "dd", "dt", "table", "ul", "ol",
)
_MANY_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_SPACES = re.compile(r"[ \t\r\f\v]+")


def html_to_text(html: str) -> str:
    """The visible text of `html`, one paragraph per line block, title first when the body lacks it."""
    from selectolax.lexbor import LexborHTMLParser  # imported here: plain-text documents never pay for it

    tree = LexborHTMLParser(html)
    tree.strip_tags(list(_DROPPED))
    title_node = tree.css_first("title")
    title = title_node.text(strip=True) if title_node else ""
    body = tree.body or tree.root
    if body is None:
        return title
    for node in body.css(",".join(_BLOCKS)):
        node.insert_after("\n")
        if node.tag != "br":
            node.insert_before("\n")
    raw = body.text(separator="", strip=False)
    lines = [_SPACES.sub(" ", line).strip() for line in raw.split("\n")]
    text = _MANY_BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    if title and title not in text[:500]:
        text = f"{title}\n\n{text}"
    return text
