"""Write a Sitrep as Markdown, HTML (standalone document or page fragment) or PDF (fpdf2, pure Python)."""

from __future__ import annotations

import io
from pathlib import Path

from django.template.loader import render_to_string

from sitroom.errors import InputError

from .build import Figure, Sitrep, fmt_number
from .charts import chart_svg

FORMATS = ("md", "html", "pdf")


def cite(numbers: list[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)


def figure_text(f: Figure, *, markers=cite) -> str:
    where = f" in {f.place}" if f.place else ""
    when = f" on {f.date.isoformat()}" if f.date else ""
    if f.disputed:
        text = (f"{f.label}{where}{when}: between {fmt_number(f.low)} {markers(f.low_citations)} and "
                f"{fmt_number(f.high)} {markers(f.high_citations)} {f.unit} (sources disagree)")
    else:
        text = f"{f.label}{where}{when}: {fmt_number(f.low)} {f.unit} {markers(f.citations)}"
    if f.change is not None and f.change_since is not None and f.cumulative and f.change < 0 and f.change_base is not None:
        # A running total that falls is a question for the analyst, not a change to report.
        text += (f"; lower than the {fmt_number(f.change_base)} reported on {f.change_since.isoformat()} "
                 f"{markers(f.change_citations)}: a running total should not fall, check which figure is right")
    elif f.change is not None and f.change_since is not None:
        sign = "+" if f.change >= 0 else "−"
        text += f"; {sign}{fmt_number(abs(f.change))} since {f.change_since.isoformat()} {markers(f.change_citations)}"
    return " ".join(text.split())


def render_markdown(report: Sitrep) -> str:
    lines = [f"# {report.title}", ""]
    as_of = f"; as reported on {report.as_of.isoformat()}" if report.as_of else ""
    lines += [f"_Generated {report.generated_at.strftime('%Y-%m-%d %H:%M UTC')}{as_of}. Only human-verified "
              "figures; every figure cites its source; figures sources disagree on are shown as ranges._", ""]
    if report.empty:
        lines += ["**No data for this period.** Nothing was recorded or reported between "
                  f"{report.date_from.isoformat()} and {report.date_to.isoformat()}"
                  + (f" for {report.place}" if report.place else "") + ".", ""]
        return "\n".join(lines)
    lines += ["## Key figures", ""]
    lines += [f"- {figure_text(f)}" for f in report.key_figures] or ["- No key figures in this period."]
    lines.append("")
    for section in report.sections:
        lines += [f"## {section.title}", ""]
        if section.empty:
            lines += ["No data for this period.", ""]
            continue
        lines += [f"- {figure_text(f)}" for f in section.figures]
        lines += [f"- {item.text} {cite(item.citations)}" for item in section.items]
        if section.table:
            if section.figures or section.items:
                lines.append("")
            lines += ["| Organisation | Sector | Place | Activity | Status | Progress |",
                      "| --- | --- | --- | --- | --- | --- |"]
            for row, numbers in zip(section.table, section.table_citations, strict=True):
                cells = [c.replace("|", "/") for c in row]
                cells[-1] = f"{cells[-1]} {cite(numbers)}".strip()
                lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    lines += ["## Sources", ""]
    for c in report.citations:
        link = f" <{c.url}>" if c.url else ""
        quote = f' — "{c.quote}"' if c.quote else ""
        lines.append(f"{c.number}. {c.label}{link}{quote}")
    lines.append("")
    return "\n".join(lines)


def _context(report: Sitrep, base_url: str) -> dict:
    from django.utils.safestring import mark_safe

    def link(numbers: list[int]) -> str:
        return "".join(f'<a href="#cite-{n}" class="cite">[{n}]</a>' for n in numbers)

    key = [mark_safe(figure_text(f, markers=link)) for f in report.key_figures]
    sections = []
    for s in report.sections:
        sections.append({
            "title": s.title, "key": s.key, "empty": s.empty,
            "lines": [mark_safe(figure_text(f, markers=link)) for f in s.figures],
            "items": [{"text": i.text, "cites": mark_safe(link(i.citations))} for i in s.items],
            "table": [{"cells": row[:-1], "progress": row[-1], "cites": mark_safe(link(n))}
                      for row, n in zip(s.table, s.table_citations, strict=True)],
        })
    charts = [mark_safe(chart_svg(c)) for c in report.charts]
    return {"report": report, "key_lines": key, "sections": sections, "charts": charts, "base_url": base_url.rstrip("/")}


def render_html(report: Sitrep, *, standalone: bool = True, base_url: str = "") -> str:
    template = "web/exchange/sitrep_document.html" if standalone else "web/exchange/sitrep_body.html"
    return render_to_string(template, _context(report, base_url))


def _font(pdf) -> str:
    for folder in ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts"):
        regular, bold = Path(folder) / "DejaVuSans.ttf", Path(folder) / "DejaVuSans-Bold.ttf"
        if regular.exists():
            pdf.add_font("DejaVu", "", str(regular))
            pdf.add_font("DejaVu", "B", str(bold if bold.exists() else regular))
            return "DejaVu"
    return "helvetica"


def render_pdf(report: Sitrep, *, base_url: str = "") -> bytes:
    """A PDF with the same content as the Markdown, charts drawn from the SVG."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    family = _font(pdf)
    unicode_ok = family != "helvetica"

    def text(value: str) -> str:
        return value if unicode_ok else value.encode("latin-1", "replace").decode("latin-1")

    def para(value: str, size: int = 10, style: str = "", indent: str = "") -> None:
        pdf.set_font(family, style, size)
        pdf.multi_cell(0, size * 0.55, text(indent + value), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)

    para(report.title, 16, "B")
    as_of = f"; as reported on {report.as_of.isoformat()}" if report.as_of else ""
    para(f"Generated {report.generated_at.strftime('%Y-%m-%d %H:%M UTC')}{as_of}. Only human-verified figures; every figure cites its source.", 8)
    if report.empty:
        para(f"No data for this period: nothing was recorded or reported between {report.date_from} and {report.date_to}.", 11, "B")
        return bytes(pdf.output())
    para("Key figures", 13, "B")
    for f in report.key_figures:
        para(figure_text(f), indent="• ")
    for svg in (chart_svg(c) for c in report.charts):
        if pdf.get_y() > 200:
            pdf.add_page()
        pdf.image(io.BytesIO(svg.encode()), w=170)
        pdf.ln(2)
    for section in report.sections:
        para(section.title, 13, "B")
        if section.empty:
            para("No data for this period.")
            continue
        for f in section.figures:
            para(figure_text(f), indent="• ")
        for item in section.items:
            para(f"{item.text} {cite(item.citations)}", indent="• ")
        for row, numbers in zip(section.table, section.table_citations, strict=True):
            org, sector, place, title, status, progress = row
            para(f"{org} — {sector} — {place or 'no place'}: {title} ({status}{', ' + progress if progress else ''}) {cite(numbers)}",
                 9, indent="• ")
    para("Sources", 13, "B")
    for c in report.citations:
        url = f" {base_url.rstrip('/')}{c.url}" if c.url else ""
        quote = f' — "{c.quote}"' if c.quote else ""
        para(f"{c.number}. {c.label}{url}{quote}", 8)
    return bytes(pdf.output())


def render(report: Sitrep, fmt: str, *, base_url: str = "") -> bytes:
    if fmt == "md":
        return render_markdown(report).encode("utf-8")
    if fmt == "html":
        return render_html(report, base_url=base_url).encode("utf-8")
    if fmt == "pdf":
        return render_pdf(report, base_url=base_url)
    raise InputError(f"format: {fmt!r} is not one of {', '.join(FORMATS)}", field="format")
