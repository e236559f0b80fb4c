"""Sources and their review: the list, adding a report, the reader with highlighted claims, review actions."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sitroom.access import require_role
from sitroom.errors import InputError, SitroomError
from sitroom.evidence.services.ingest import source_ingest
from sitroom.evidence.services.review import claim_accept, claim_reject, claim_reopen
from sitroom.picture import selectors
from sitroom.reference.models import Indicator
from sitroom.web.evidence import claim_url
from sitroom.web.forms import ClaimReviewForm, SourceUploadForm
from sitroom.web.highlight import highlight

from ._common import paginate, picture_filter

CLAIM_KINDS = ("figure", "event", "quote", "place", "organization", "person")


@require_GET
def source_list(request: HttpRequest) -> HttpResponse:
    filters = picture_filter(request)
    qs = selectors.sources_for(request.user, filters).defer("original", "text")
    search = (request.GET.get("q") or "").strip()
    if search:
        qs = qs.filter(title__icontains=search) | qs.filter(outlet__icontains=search)
    page = paginate(request, qs.order_by("-received_at", "-id"))
    return render(request, "web/source_list.html", {"page": page, "q": search, "filters": filters})


@require_http_methods(["GET", "POST"])
def source_new(request: HttpRequest) -> HttpResponse:
    require_role(request.user, "analyst", "Adding a report")
    form = SourceUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data, filename, metadata = form.payload()
        try:
            result = source_ingest(data=data, filename=filename, user=request.user,
                                   sensitivity=form.cleaned_data["sensitivity"], metadata=metadata)
        except InputError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            if result.created:
                messages.success(request, f"Report stored with {result.claims} claims to review.")
            else:
                messages.info(request, "This report was already stored; nothing was added.")
            for error in result.errors:
                messages.warning(request, error)
            return redirect("source_detail", pk=result.source.pk)
    return render(request, "web/source_new.html", {"form": form}, status=400 if form.errors else 200)


@require_GET
def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    source = selectors.source_for_reader(request.user, pk)
    claims = list(selectors.claims_of(source))
    kinds = request.GET.getlist("kind") or list(CLAIM_KINDS)
    shown = [c for c in claims if c.kind in kinds]
    counts = {k: sum(1 for c in claims if c.kind == k) for k in CLAIM_KINDS}
    return render(request, "web/source_detail.html", {
        "source": source,
        "text_html": highlight(source.text, shown),
        "claims": shown,
        "counts": counts,
        "kinds": kinds,
        "waiting": sum(1 for c in claims if c.status == "proposed"),
        "first_waiting": next((c for c in claims if c.status == "proposed" and c.kind in selectors.REVIEWABLE_KINDS), None),
        "can_review": request.user.can_review,
        "indicators": Indicator.objects.order_by("code").values_list("code", "name"),
        "reader_config": {"sourceId": source.pk, "nextUrl": reverse("review_next")},
    })


@require_GET
def source_original(request: HttpRequest, pk: int) -> HttpResponse:
    """The report exactly as received, as a download (never rendered: it may be untrusted HTML)."""
    source = selectors.source_for_reader(request.user, pk)
    original = type(source).objects.filter(pk=source.pk).values_list("original", flat=True).get()
    response = HttpResponse(bytes(original), content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{source.filename or f"source-{pk}.txt"}"'
    return response


@require_GET
def claim_goto(request: HttpRequest, pk: int) -> HttpResponse:
    claim = selectors.claim_for_review(request.user, pk)
    return redirect(claim_url(claim.source_id, claim.pk))


@require_POST
def claim_review(request: HttpRequest, pk: int) -> HttpResponse:
    # Checked before anything else: a viewer's request is refused whatever it contains.
    require_role(request.user, "analyst", "Reviewing a claim")
    claim = selectors.claim_for_review(request.user, pk)
    form = ClaimReviewForm(request.POST)
    if not form.is_valid():
        problems = "; ".join(f"{name}: {' '.join(errs)}" for name, errs in form.errors.items())
        raise InputError(f"The review form could not be used: {problems}")
    action, note = form.cleaned_data["action"], form.cleaned_data.get("note") or ""
    try:
        if action == "accept":
            edits = form.edits(claim)
            if claim.kind == "event":
                edits = {k: v for k, v in edits.items() if k == "date"} | ({"places": [form.cleaned_data["place"]]} if form.cleaned_data.get("place") else {})
            elif claim.kind != "figure":
                edits = {}
            claim_accept(claim=claim, user=request.user, edits=edits or None, note=note)
            messages.success(request, f"Accepted: {claim.text[:80]}")
        elif action == "reject":
            claim_reject(claim=claim, user=request.user, note=note)
            messages.success(request, f"Rejected: {claim.text[:80]}")
        else:
            claim_reopen(claim=claim, user=request.user, note=note)
            messages.success(request, f"Reopened: {claim.text[:80]}")
    except SitroomError as exc:
        if exc.http_status == 403:
            raise
        messages.error(request, f"Not saved — {exc.message}")
        return redirect(claim_url(claim.source_id, claim.pk))
    if form.cleaned_data.get("then") == "next":
        following = selectors.next_unreviewed(request.user, after=claim)
        if following is not None:
            return redirect(claim_url(following.source_id, following.pk))
        messages.info(request, "Nothing left to review.")
        return redirect("review_queue")
    return redirect(claim_url(claim.source_id, claim.pk))


@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind") or None
    if kind and kind not in CLAIM_KINDS:
        raise InputError(f"kind: '{kind}' is not a claim kind ({', '.join(CLAIM_KINDS)})", field="kind")
    page = paginate(request, selectors.review_queue_sources(request.user, kind=kind))
    count, first = selectors.review_backlog(request.user, limit=0)
    return render(request, "web/review_queue.html", {"page": page, "kind": kind, "backlog": count, "kinds": CLAIM_KINDS,
                                                      "can_review": request.user.can_review})


@require_GET
def review_next(request: HttpRequest) -> HttpResponse:
    after = None
    if request.GET.get("after", "").isdigit():
        after = selectors.claim_for_review(request.user, int(request.GET["after"]))
    claim = selectors.next_unreviewed(request.user, after=after)
    if claim is None:
        messages.info(request, "Nothing left to review.")
        return redirect("review_queue")
    return redirect(claim_url(claim.source_id, claim.pk))
