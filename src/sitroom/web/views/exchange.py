"""Pages for situation reports, exports and imports: parse the form, call the exchange functions (which
apply the user's access), render or stream the result."""

from __future__ import annotations

import datetime as dt
import tempfile

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from sitroom.errors import InputError, SitroomError
from sitroom.exchange.export import FORMATS, export_filename, export_stream, export_to_file
from sitroom.exchange.imports import import_rows
from sitroom.exchange.kinds import kind_get
from sitroom.exchange.selectors import place_resolve
from sitroom.exchange.sitrep import build_sitrep, render_html
from sitroom.exchange.sitrep import render as render_sitrep
from sitroom.web.forms_exchange import ExportForm, ImportForm, SitrepForm


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment, dt.UTC)
    return moment


@login_required
def sitrep(request: HttpRequest) -> HttpResponse:
    form = SitrepForm(request.GET or None)
    context: dict = {"form": form}
    if request.GET and form.is_valid():
        data = form.cleaned_data
        try:
            place = place_resolve(data["place"]) if data.get("place") else None
        except InputError as exc:
            form.add_error("place", exc.message)
            return render(request, "web/exchange/sitrep.html", context, status=400)
        report = build_sitrep(user=request.user, date_from=data["date_from"], date_to=data["date_to"], place=place,
                              as_of=_aware(data.get("as_of")))
        download = request.GET.get("download")
        if download in ("md", "html", "pdf"):
            types = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8", "pdf": "application/pdf"}
            response = HttpResponse(render_sitrep(report, download, base_url=request.build_absolute_uri("/")),
                                    content_type=types[download])
            response["Content-Disposition"] = f'attachment; filename="sitrep-{data["date_from"]}-{data["date_to"]}.{download}"'
            return response
        context.update(report_html=render_html(report, standalone=False), report=report,
                       query=request.GET.urlencode())
    return render(request, "web/exchange/sitrep.html", context, status=400 if request.GET and form.errors else 200)


@login_required
def export(request: HttpRequest) -> HttpResponse:
    form = ExportForm(request.GET or None)
    if not (request.GET and form.is_valid()):
        return render(request, "web/exchange/export.html", {"form": form}, status=400 if request.GET else 200)
    data = form.cleaned_data
    kind, fmt = kind_get(data["kind"]), data["format"]
    filters = {"date_from": data.get("date_from"), "date_to": data.get("date_to")}
    try:
        if data.get("place"):
            filters["place"] = place_resolve(data["place"])
    except InputError as exc:
        form.add_error("place", exc.message)
        return render(request, "web/exchange/export.html", {"form": form}, status=400)
    as_of = _aware(data.get("as_of"))
    filename = export_filename(kind, fmt, as_of=as_of)
    if fmt == "xlsx":
        spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
        export_to_file(kind, request.user, fmt, spool, as_of=as_of, **filters)
        spool.seek(0)
        return FileResponse(spool, content_type=FORMATS[fmt], as_attachment=True, filename=filename)
    response = StreamingHttpResponse(export_stream(kind, request.user, fmt, as_of=as_of, **filters),
                                     content_type=f"{FORMATS[fmt]}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "web/exchange/import.html", {"form": ImportForm()})
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "web/exchange/import.html", {"form": form}, status=400)
    data = form.cleaned_data
    upload = data["file"]
    try:
        report = import_rows(kind_name=data["kind"], data=upload.read(), filename=upload.name, user=request.user,
                             dry_run=data["dry_run"], skip_invalid=data["skip_invalid"])
    except SitroomError as exc:
        if exc.http_status == 403:
            raise
        form.add_error("file" if exc.field in (None, "file") else None, exc.message)
        return render(request, "web/exchange/import.html", {"form": form}, status=400)
    status = 200 if report.ok or report.written else 400
    return render(request, "web/exchange/import.html", {"form": form, "report": report}, status=status)
