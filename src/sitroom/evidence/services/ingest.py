"""Report in, evidence out: run the pipeline on a report and store one Source, its Claims and the
machine-proposed Observations of its figures, in one transaction per document."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import PurePath
from typing import Any

from django.db import IntegrityError, transaction
from simple_history.utils import bulk_create_with_history

from sitroom.access import require_role
from sitroom.core.records import Sensitivity
from sitroom.errors import InputError
from sitroom.evidence.models import Claim, ClaimKind, Source
from sitroom.operations.models import Observation, Verification
from sitroom.reference.models import Indicator
from sitroom.reference.selectors import organization_find, place_find

from .documents import check_size, check_text_bytes

log = logging.getLogger(__name__)

# Figures of this catalogue code say "a number we could not classify": an analyst decides on review.
UNCLASSIFIED_INDICATOR = "other"

_MEDIA_TYPES = {".html": "text/html", ".htm": "text/html", ".md": "text/markdown", ".txt": "text/plain"}
_METADATA_FIELDS = ("title", "outlet", "published", "language", "url")


@dataclass
class IngestResult:
    source: Source
    created: bool
    claims: int = 0
    figures: int = 0
    observations: int = 0
    errors: list[str] = field(default_factory=list)  # claims the pipeline produced that could not be stored

    @property
    def status(self) -> str:
        return "new" if self.created else "already have"


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def source_ingest(
    *,
    data: bytes,
    filename: str,
    user: Any = None,
    sensitivity: str = Sensitivity.PARTNERS,
    submitted_by_org: Any = None,
    metadata: dict[str, Any] | None = None,
) -> IngestResult:
    """Store a report as a Source with its claims. The same bytes again return the stored Source with
    created=False and add nothing. Nothing is stored when anything fails."""
    if user is not None:
        require_role(user, "analyst", "Adding a report")
    if sensitivity not in Sensitivity.values:
        raise InputError(f"Unknown sensitivity {sensitivity!r}; expected one of {', '.join(Sensitivity.values)}", field="sensitivity")
    check_size(len(data), filename)
    check_text_bytes(data, filename)
    overrides = _clean_metadata(metadata or {})
    digest = content_hash(data)
    existing = Source.objects.filter(content_hash=digest).first()
    if existing is not None:
        return _already_have(existing)

    # The pipeline runs outside the transaction: it is the slow part and needs no lock.
    from sitroom.pipeline import extract_bytes

    doc = extract_bytes(data, filename=filename)
    text = document_text(doc, data, filename)
    try:
        with transaction.atomic():
            return _store(doc, text=text, data=data, digest=digest, filename=filename, user=user,
                          sensitivity=sensitivity, submitted_by_org=submitted_by_org, overrides=overrides)
    except IntegrityError:
        # Another process stored the same report between our check and our insert.
        existing = Source.objects.filter(content_hash=digest).first()
        if existing is None:
            raise
        return _already_have(existing)


def _already_have(source: Source) -> IngestResult:
    claims = source.claims.count()
    figures = source.claims.filter(kind=ClaimKind.FIGURE).count()
    return IngestResult(source=source, created=False, claims=claims, figures=figures,
                        observations=source.observations.count())


def document_text(doc: Any, data: bytes, filename: str) -> str:
    """The text the pipeline's spans point into (for HTML, the page's visible text)."""
    text = getattr(doc, "text", None)
    if isinstance(text, str):
        return text
    from sitroom.pipeline import document_text as pipeline_text

    return pipeline_text(data, filename=filename)[0]


def _clean_metadata(metadata: dict[str, Any]) -> dict[str, Any]:
    unknown = set(metadata) - set(_METADATA_FIELDS)
    if unknown:
        raise InputError(f"Unknown metadata field(s): {', '.join(sorted(unknown))}", field=sorted(unknown)[0])
    clean: dict[str, Any] = {}
    for key, value in metadata.items():
        if value in (None, ""):
            continue
        if key == "published":
            value = _as_date(value, "published")
        elif not isinstance(value, str):
            raise InputError(f"Metadata {key!r} should be text", field=key)
        clean[key] = value
    return clean


def _as_date(value: Any, name: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise InputError(f"{name}: {value!r} is not a date (expected YYYY-MM-DD)", field=name)


def _store(doc: Any, *, text: str, data: bytes, digest: str, filename: str, user: Any, sensitivity: str,
           submitted_by_org: Any, overrides: dict[str, Any]) -> IngestResult:
    info = doc.document
    title = overrides.get("title", info.title or "")
    outlet = overrides.get("outlet", info.source or "")
    source = Source(
        content_hash=digest,
        original=data,
        filename=PurePath(filename).name[:255],
        media_type=_MEDIA_TYPES.get(PurePath(filename).suffix.lower(), "text/plain"),
        text=text,
        title=title[:500],
        outlet=outlet[:250],
        outlet_org=_outlet_org(outlet),
        url=overrides.get("url", "")[:1000],
        published=overrides.get("published", info.published),
        language=(overrides.get("language", info.language or ""))[:8],
        received_by=user if getattr(user, "pk", None) else None,
        sensitivity=sensitivity,
        submitted_by_org=submitted_by_org,
        warnings=list(getattr(doc, "warnings", []) or []),
        pipeline_version=_pipeline_version(),
    )
    source._history_user = source.received_by
    source.save()

    result = IngestResult(source=source, created=True)
    claims: list[Claim] = []
    figures: list[tuple[Claim, Any]] = []
    for kind, items in (
        (ClaimKind.FIGURE, doc.figures),
        (ClaimKind.EVENT, doc.events),
        (ClaimKind.QUOTE, doc.quotes),
        (ClaimKind.PLACE, doc.places),
        (ClaimKind.ORGANIZATION, doc.organizations),
        (ClaimKind.PERSON, doc.people),
    ):
        for item in items:
            claim = _claim(source, kind, item, text, result)
            if claim is not None:
                claims.append(claim)
                if kind == ClaimKind.FIGURE:
                    figures.append((claim, item))
    claims = bulk_create_with_history(claims, Claim, default_user=source.received_by, default_change_reason="ingested")
    result.claims = len(claims)
    result.figures = len(figures)

    indicators = {i.code: i for i in Indicator.objects.filter(code__in={f.indicator for _, f in figures})}
    for claim, figure in figures:
        observation = _proposed_observation(source, claim, figure, indicators, result)
        if observation is not None:
            observation._history_user = source.received_by
            observation._change_reason = "proposed by the pipeline"
            observation.save()
            result.observations += 1
    if result.errors:
        source.warnings = source.warnings + result.errors
        source.save(update_fields=["warnings"])
    return result


def _claim(source: Source, kind: str, item: Any, text: str, result: IngestResult) -> Claim | None:
    start, end = int(item.span[0]), int(item.span[1])
    if not 0 <= start <= end <= len(text):
        result.errors.append(f"{kind} span {start}-{end} lies outside the text; claim not stored")
        return None
    fragment = text[start:end]
    stated = getattr(item, "text", None)
    if kind != ClaimKind.QUOTE and isinstance(stated, str) and stated != fragment:
        result.errors.append(f"{kind} span {start}-{end} does not match its text {stated[:40]!r}; claim not stored")
        return None
    provenance = item.provenance
    return Claim(
        source=source,
        kind=kind,
        start=start,
        end=end,
        text=fragment,
        payload=_plain(item),
        stage=(provenance.stage if provenance else "")[:40],
        stage_version=(provenance.version if provenance else "")[:20],
        rule=(provenance.rule if provenance else "")[:80],
        confidence=float(provenance.confidence) if provenance else 0.5,
    )


def _plain(item: Any) -> dict[str, Any]:
    """The pipeline's dataclass as JSON, without provenance (it has its own columns)."""
    data = dataclasses.asdict(item)
    data.pop("provenance", None)
    return _jsonable(data)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def _proposed_observation(source: Source, claim: Claim, figure: Any, indicators: dict[str, Indicator],
                          result: IngestResult) -> Observation | None:
    indicator = indicators.get(figure.indicator)
    if indicator is None or indicator.code == UNCLASSIFIED_INDICATOR:
        return None
    value = figure.value
    if value is None or value < 0:
        result.errors.append(f"figure {claim.text[:40]!r}: value {value!r} is not a count; no observation proposed")
        return None
    date = figure.date_of_fact or source.published
    if date is not None and source.published is not None and date > source.published:
        result.errors.append(f"figure {claim.text[:40]!r}: date {date} is after publication; no observation proposed")
        return None
    return Observation(
        indicator=indicator,
        value=float(value),
        qualifier=(figure.qualifier or "")[:20],
        unit=(figure.unit or indicator.unit)[:40],
        what=(figure.what or "")[:300],
        date=date,
        place=place_find(figure.place) if figure.place else None,
        verification=Verification.PROPOSED,
        claim=claim,
        source=source,
        sensitivity=source.sensitivity,
        submitted_by_org=source.submitted_by_org,
        created_by=source.received_by,
    )


def _pipeline_version() -> str:
    try:
        return f"sitroom {package_version('sitroom')}"[:40]
    except PackageNotFoundError:
        return ""


def _outlet_org(outlet: str) -> Any:
    if not outlet:
        return None
    found = organization_find(outlet)
    if found is None and "/" in outlet:
        # "Pakistan Point News / Sputnik": the first named outlet is the publisher.
        found = organization_find(outlet.split("/")[0].strip())
    return found
