"""Situation reports: `build_sitrep` gathers the period's figures and records with a numbered citation
for every figure; `render_markdown`, `render_html` and `render_pdf` write it out."""

from .build import Sitrep, build_sitrep
from .render import render, render_html, render_markdown, render_pdf

__all__ = ["Sitrep", "build_sitrep", "render", "render_html", "render_markdown", "render_pdf"]
