"""API views: thin. Parse, call a selector or a service, render. One viewset per exchanged kind, built
from the registry in sitroom.exchange.kinds; review and ingest are actions on claims and sources."""

from __future__ import annotations

import importlib
import itertools
import tempfile

from django.db import models
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from sitroom.access import require_role
from sitroom.errors import ConfigurationError, InputError, NotFound
from sitroom.exchange import changes, writes
from sitroom.exchange.export import FORMATS, export_filename, export_stream, export_to_file
from sitroom.exchange.kinds import KINDS, Kind, kind_get
from sitroom.exchange.selectors import ordering_for, parse_day, parse_moment, place_resolve, records_for
from sitroom.operations.services import agreements, aid, incidents, people, reconstruction, sites

from . import serializers as ser
from .filters import list_parameters, parse_list_params
from .parsers import GuardedJSONParser
from .permissions import AnalystRole, KindWriteRole


def _service(module: str, name: str):
    try:
        found = getattr(importlib.import_module(module), name, None)
    except ImportError:
        found = None
    if found is None:
        raise ConfigurationError(f"{module}.{name} is not available in this installation")
    return found


def with_related(qs, serializer_class):
    """`qs` with what the serializer reads joined or prefetched, so a page of N records costs a fixed
    number of queries: links shown by a slug or nested (an observation's indicator code) are joined,
    many-to-many links (an event's places and actors) and nested lists (positions, items, terms) are
    prefetched. Links by id need nothing: the id is on the row."""
    relations = {}
    for f in qs.model._meta.get_fields():
        if f.is_relation:
            relations[f.get_accessor_name() if f.auto_created and not f.concrete else f.name] = f
    joins, prefetches = [], []
    for name, field in serializer_class().fields.items():
        source = name if field.source in ("*", None, "") else field.source
        relation = relations.get(source)
        if relation is None:
            continue
        if isinstance(field, (serializers.ListSerializer, serializers.ManyRelatedField)):
            if relation.many_to_many or relation.one_to_many:
                prefetches.append(source)
        elif isinstance(field, (serializers.SlugRelatedField, serializers.Serializer)) and (relation.many_to_one or relation.one_to_one):
            joins.append(source)
    if joins:
        qs = qs.select_related(*joins)
    if prefetches:
        qs = qs.prefetch_related(*prefetches)
    return qs


class KindViewSet(viewsets.ModelViewSet):
    """List, read, create, change and archive one kind of record."""

    kind: Kind
    permission_classes = [KindWriteRole]
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_serializer_class(self):
        return ser.serializer_for(self.kind)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.kind.model._default_manager.none()
        params = self.request.query_params
        qs = records_for(self.kind, self.request.user, **parse_list_params(self.kind, params)) \
            if self.action == "list" else records_for(self.kind, self.request.user, include_archived=True)
        if self.action == "list" and params.get("ordering"):
            qs = qs.order_by(*ordering_for(self.kind, params["ordering"]))
        return with_related(qs, self.get_serializer_class())

    def get_object(self):
        lookup = self.kwargs.get(self.lookup_field, "")
        if not str(lookup).isdigit():
            raise NotFound(f"No {self.kind.label} with id {lookup!r}")
        return super().get_object()

    def _split(self, data: dict) -> tuple[dict, dict]:
        many = {k: list(v) for k, v in data.items() if isinstance(self.kind.model._meta.get_field(k), models.ManyToManyField)}
        fields = {k: v for k, v in data.items() if k not in many}
        return fields, many

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields, many = self._split(serializer.validated_data)
        record = writes.record_create(kind=self.kind, user=request.user, data=fields, many=many)
        return Response(self.get_serializer(record).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        record = self.get_object()
        serializer = self.get_serializer(record, data=request.data, partial=kwargs.pop("partial", False))
        serializer.is_valid(raise_exception=True)
        fields, many = self._split(serializer.validated_data)
        record = writes.record_change(kind=self.kind, record=record, user=request.user, fields=fields, many=many)
        return Response(self.get_serializer(record).data)

    def destroy(self, request, *args, **kwargs):
        record = self.get_object()
        writes.record_remove(kind=self.kind, record=record, user=request.user, reason=request.query_params.get("reason", ""))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ReadOnlyKindViewSet(KindViewSet):
    http_method_names = ["get", "head", "options"]


class SourceViewSet(KindViewSet):
    http_method_names = ["get", "post", "head", "options"]

    def create(self, request, *args, **kwargs):
        raise InputError("sources are added through POST /api/sources/ingest/")

    @extend_schema(request={"multipart/form-data": ser.IngestSerializer, "application/json": ser.IngestSerializer},
                   responses={201: ser.IngestResultSerializer, 200: ser.IngestResultSerializer})
    @action(detail=False, methods=["post"], permission_classes=[AnalystRole],
            parser_classes=[MultiPartParser, FormParser, GuardedJSONParser])
    def ingest(self, request):
        """Ingest a report (a file upload or JSON text): the source is stored and claims proposed."""
        payload = ser.IngestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        if data.get("file"):
            upload = data["file"]
            content, filename = upload.read(), upload.name
        else:
            content, filename = data["text"].encode("utf-8"), data.get("filename") or "pasted.txt"
        metadata = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()
                    if k in ("outlet", "url", "published")}
        ingest = _service("sitroom.evidence.services", "source_ingest")
        result = ingest(data=content, filename=filename, user=request.user, sensitivity=data["sensitivity"],
                        submitted_by_org=getattr(request.user, "organization", None), metadata=metadata or None)
        body = {"source": result.source.pk, "created": result.created, "claims": result.claims}
        return Response(body, status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK)


class ClaimViewSet(ReadOnlyKindViewSet):
    http_method_names = ["get", "post", "head", "options"]

    def create(self, request, *args, **kwargs):
        raise InputError("claims are proposed by ingesting a source, then accepted or rejected")

    @extend_schema(request=ser.ReviewSerializer, responses={200: ser.serializer_for(KINDS["claims"])})
    @action(detail=True, methods=["post"], permission_classes=[AnalystRole])
    def accept(self, request, pk=None):
        """Accept a claim (optionally with edits): a figure becomes an observation, an event an event."""
        claim = self.get_object()
        payload = ser.ReviewSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        require_role(request.user, "analyst", "Accepting a claim")
        claim = _service("sitroom.evidence.services", "claim_accept")(
            claim=claim, user=request.user, edits=payload.validated_data.get("edits") or None)
        return Response(self.get_serializer(claim).data)

    @extend_schema(request=ser.ReviewSerializer, responses={200: ser.serializer_for(KINDS["claims"])})
    @action(detail=True, methods=["post"], permission_classes=[AnalystRole])
    def reject(self, request, pk=None):
        """Reject a claim, with a note saying why."""
        claim = self.get_object()
        payload = ser.ReviewSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        require_role(request.user, "analyst", "Rejecting a claim")
        result = _service("sitroom.evidence.services", "claim_reject")(
            claim=claim, user=request.user, note=payload.validated_data.get("note", ""))
        return Response(self.get_serializer(result if result is not None else claim).data)


# --- workflow actions: the same services as the web pages' buttons and forms ---------------------------


def _payload(serializer_class, request):
    payload = serializer_class(data=request.data, context={"request": request})
    payload.is_valid(raise_exception=True)
    return payload.validated_data


class _WorkflowViewSet(KindViewSet):
    def _act(self, request, payload_class, service, **fixed):
        """Parse the body with `payload_class` and call the workflow service with it (and `fixed`)."""
        return service(user=request.user, **fixed, **_payload(payload_class, request))

    def _fresh(self, record):
        return self.get_serializer(type(record)._default_manager.get(pk=record.pk)).data


class ConsignmentViewSet(_WorkflowViewSet):
    @extend_schema(request=ser.TransitionSerializer, responses={200: ser.serializer_for(KINDS["consignments"])})
    @action(detail=True, methods=["post"], permission_classes=[AnalystRole])
    def transition(self, request, pk=None):
        """Move the consignment to its next status (planned -> in_transit -> delivered -> distributed, or
        cancelled); delivery feeds aid.tons_delivered with the consignment as evidence."""
        consignment = self.get_object()
        data = _payload(ser.TransitionSerializer, request)
        record = aid.consignment_transition(user=request.user, consignment=consignment, to=data["status"], on=data.get("on"),
                                            note=data.get("note", ""))
        return Response(self._fresh(record))

    @extend_schema(request=ser.ConsignmentItemSerializer, responses={201: ser.serializer_for(KINDS["consignments"])})
    @action(detail=True, methods=["post"], permission_classes=[AnalystRole])
    def items(self, request, pk=None):
        """Add an item to the manifest (while the consignment is planned)."""
        consignment = self.get_object()
        self._act(request, ser.ConsignmentItemSerializer, aid.consignment_add_item, consignment=consignment)
        return Response(self._fresh(consignment), status=status.HTTP_201_CREATED)


class ReconstructionViewSet(_WorkflowViewSet):
    @extend_schema(request=ser.TransitionSerializer, responses={200: ser.serializer_for(KINDS["reconstruction-objects"])})
    @action(detail=True, methods=["post"], permission_classes=[AnalystRole])
    def transition(self, request, pk=None):
        """Move the object along damaged -> planned -> in_progress -> restored; restored feeds
        infrastructure.restored with its units."""
        obj = self.get_object()
        data = _payload(ser.TransitionSerializer, request)
        record = reconstruction.reconstruction_object_set_status(user=request.user, obj=obj, status=data["status"], on=data.get("on"))
        return Response(self._fresh(record))


class ShelterViewSet(_WorkflowViewSet):
    @extend_schema(request=ser.OccupancySerializer, responses={201: ser.OccupancyResultSerializer})
    @action(detail=True, methods=["post"], permission_classes=[AnalystRole])
    def occupancy(self, request, pk=None):
        """Record the day's occupancy count (replacing that day's count); it feeds people.sheltered and is
        flagged overcrowded above capacity."""
        result = self._act(request, ser.OccupancySerializer, people.shelter_record_occupancy, shelter=self.get_object())
        return Response(ser.OccupancyResultSerializer(result).data, status=status.HTTP_201_CREATED)


class EventViewSet(_WorkflowViewSet):
    @extend_schema(request=ser.PositionSerializer, responses={200: ser.serializer_for(KINDS["events"])})
    @action(detail=True, methods=["post"], permission_classes=[AnalystRole])
    def positions(self, request, pk=None):
        """Record (or change) an organisation's position on an incident: confirmed, disputed or
        unverifiable; the monitoring centre's position is the incident's verification."""
        incident = self.get_object()
        self._act(request, ser.PositionSerializer, incidents.incident_record_position, incident=incident)
        return Response(self._fresh(incident))


class SiteViewSet(_WorkflowViewSet):
    @extend_schema(request=ser.InspectionSerializer, responses={201: ser.InspectionResultSerializer})
    @action(detail=True, methods=["post"], permission_classes=[AnalystRole])
    def inspections(self, request, pk=None):
        """Log an inspection; the latest inspection's condition becomes the site's protection status."""
        inspection = self._act(request, ser.InspectionSerializer, sites.site_record_inspection, site=self.get_object())
        return Response(ser.InspectionResultSerializer(inspection).data, status=status.HTTP_201_CREATED)


class AgreementViewSet(_WorkflowViewSet):
    @extend_schema(request=ser.AgreementTermSerializer, responses={201: ser.serializer_for(KINDS["agreements"])})
    @action(detail=True, methods=["post"], permission_classes=[AnalystRole])
    def terms(self, request, pk=None):
        """Add a term to the agreement."""
        agreement = self.get_object()
        self._act(request, ser.AgreementTermSerializer, agreements.agreement_add_term, agreement=agreement)
        return Response(self._fresh(agreement), status=status.HTTP_201_CREATED)

    @extend_schema(request=ser.TermStatusSerializer, responses={200: ser.serializer_for(KINDS["agreements"])},
                   parameters=[OpenApiParameter("term_pk", OpenApiTypes.INT, OpenApiParameter.PATH)])
    @action(detail=True, methods=["post"], permission_classes=[AnalystRole], url_path=r"terms/(?P<term_pk>[0-9]+)")
    def term_status(self, request, pk=None, term_pk=None):
        """Say how far a term is implemented, with the claim that shows it (one you may see) and a note."""
        agreement = self.get_object()
        term = agreement.terms.filter(pk=term_pk).first()
        if term is None:
            raise NotFound(f"Agreement {agreement.pk} has no term with id {term_pk}")
        self._act(request, ser.TermStatusSerializer, agreements.agreement_term_set_status, term=term)
        return Response(self._fresh(agreement))


def viewset_for(kind: Kind) -> type[KindViewSet]:
    base = {"sources": SourceViewSet, "claims": ClaimViewSet, "consignments": ConsignmentViewSet,
            "reconstruction-objects": ReconstructionViewSet, "shelters": ShelterViewSet, "events": EventViewSet,
            "sites": SiteViewSet, "agreements": AgreementViewSet}.get(kind.name, KindViewSet)
    doc = f"{kind.label.capitalize()}: list (filters below), read, " + (
        "read only." if base is ReadOnlyKindViewSet else "create, change, archive.")
    cls = type(f"{kind.model.__name__}ViewSet", (base,), {"kind": kind, "__doc__": doc})
    return extend_schema_view(list=extend_schema(parameters=list_parameters(kind)))(cls)


class ChangesView(APIView):
    """What was created, changed or archived since a moment, oldest first, paginated by a cursor."""

    @extend_schema(parameters=[
        OpenApiParameter("since", OpenApiTypes.DATETIME, description="Changes after this moment"),
        OpenApiParameter("cursor", OpenApiTypes.STR, description="The `next` of the previous page"),
        OpenApiParameter("limit", OpenApiTypes.INT, description="Changes per page (1-1000, default 100)"),
    ], responses={200: ser.ChangePageSerializer})
    def get(self, request):
        params = request.query_params
        raw_limit = params.get("limit") or "100"
        if not raw_limit.isdigit():
            raise InputError("limit: a whole number from 1 to 1000", field="limit")
        page = changes.changes_since(request.user, since=parse_moment(params.get("since"), field="since"),
                                     cursor=params.get("cursor"), limit=int(raw_limit))
        return Response(ser.ChangePageSerializer(page).data)


class _FileNegotiation(BaseContentNegotiation):
    """File endpoints choose their format from ?format= themselves; errors still come back as JSON."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ExportView(APIView):
    """Stream a kind's records as CSV (with an HXL hashtag row), XLSX, GeoJSON or JSON."""

    content_negotiation_class = _FileNegotiation

    @extend_schema(parameters=[
        OpenApiParameter("format", OpenApiTypes.STR, enum=list(FORMATS), description="csv (default), xlsx, geojson or json"),
        *list_parameters(KINDS["observations"]),
    ], responses={(200, "text/csv"): OpenApiTypes.BINARY})
    def get(self, request, kind: str):
        found = kind_get(kind)
        fmt = request.query_params.get("format") or "csv"
        if fmt not in FORMATS:
            raise InputError(f"format: {fmt!r} is not one of {', '.join(FORMATS)}", field="format")
        params = parse_list_params(found, request.query_params)
        filename = export_filename(found, fmt, as_of=params.get("as_of"))
        if fmt == "xlsx":
            spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
            export_to_file(found, request.user, fmt, spool, **params)
            spool.seek(0)
            response = FileResponse(spool, content_type=FORMATS[fmt], as_attachment=True, filename=filename)
        else:
            params.pop("include_archived", None)
            stream = export_stream(found, request.user, fmt, **params)
            first = next(stream, "")  # errors in the query surface here, as JSON, before streaming starts
            response = StreamingHttpResponse(itertools.chain([first], stream), content_type=f"{FORMATS[fmt]}; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class SitrepView(APIView):
    """A situation report for a period as Markdown, HTML or PDF, every figure cited."""

    content_negotiation_class = _FileNegotiation

    @extend_schema(parameters=[
        OpenApiParameter("from", OpenApiTypes.DATE, required=True), OpenApiParameter("to", OpenApiTypes.DATE, required=True),
        OpenApiParameter("place", OpenApiTypes.STR), OpenApiParameter("as_of", OpenApiTypes.DATETIME),
        OpenApiParameter("format", OpenApiTypes.STR, enum=["md", "html", "pdf"]),
    ], responses={(200, "text/markdown"): OpenApiTypes.STR})
    def get(self, request):
        from sitroom.exchange.sitrep import build_sitrep, render

        params = request.query_params
        fmt = params.get("format") or "md"
        if fmt not in ("md", "html", "pdf"):
            raise InputError(f"format: {fmt!r} is not one of md, html, pdf", field="format")
        date_from, date_to = parse_day(params.get("from"), field="from"), parse_day(params.get("to"), field="to")
        if date_from is None or date_to is None:
            raise InputError("from and to are required (YYYY-MM-DD)", field="from" if date_from is None else "to")
        report = build_sitrep(user=request.user, date_from=date_from, date_to=date_to,
                              place=place_resolve(params["place"]) if params.get("place") else None,
                              as_of=parse_moment(params.get("as_of")))
        body = render(report, fmt, base_url=request.build_absolute_uri("/"))
        types = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8", "pdf": "application/pdf"}
        response = HttpResponse(body, content_type=types[fmt])
        response["Content-Disposition"] = f'attachment; filename="sitrep-{date_from}-{date_to}.{fmt}"'
        return response
