"""Serializers for every exchanged kind, built from the models: they translate JSON to field values and
back and hold no business rule (validation of the domain happens in the services)."""

from __future__ import annotations

from functools import cache

from rest_framework import serializers

from sitroom.access import can_see_note, visibility_q
from sitroom.core.records import Sensitivity
from sitroom.exchange.kinds import Kind

# Set by the system, never by a client.
SYSTEM_FIELDS = ("id", "created_at", "updated_at", "created_by", "archived_at", "archived_by", "derived_type",
                 "derived_id", "merged_into", "field_sources", "content_hash", "received_at", "received_by",
                 "warnings", "pipeline_version", "reviewer", "reviewed_at")
HIDDEN_FIELDS = ("original",)  # a source's bytes: fetched from the source page, not inlined in JSON


class FiniteFloatField(serializers.FloatField):
    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if value != value or value in (float("inf"), float("-inf")):
            self.fail("invalid")
        if abs(value) > 1e15:
            raise serializers.ValidationError("is out of range")
        return value


def visible_related(queryset, user):
    """The objects of `queryset` a writer may link to: records by sitroom.access (claims by their
    source's visibility), reference data (places, organisations, indicators) all."""
    model = queryset.model
    names = {f.name for f in model._meta.get_fields()}
    if "sensitivity" in names:
        q = visibility_q(user)
    elif model._meta.label == "evidence.Claim":
        q = visibility_q(user, prefix="source__")
    else:
        return queryset
    return queryset if q is None else queryset.filter(q)


class VisibleRelatedField(serializers.PrimaryKeyRelatedField):
    """A link by id to a source, claim, record, place or organisation: an id the writer may not see is
    refused exactly like an id that does not exist (a partner cannot attach an internal claim as
    evidence, nor learn that it exists)."""

    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request")
        if queryset is None or request is None:
            return queryset.none() if queryset is not None else queryset
        return visible_related(queryset, request.user)


class ConsignmentItemSerializer(serializers.Serializer):
    """An item of a consignment's manifest; written with the consignment on create."""

    id = serializers.IntegerField(read_only=True)
    kind = serializers.CharField(max_length=120)
    quantity = FiniteFloatField()
    unit = serializers.CharField(max_length=30, required=False, default="pieces")
    weight_tons = FiniteFloatField(required=False, allow_null=True)


class AgreementTermSerializer(serializers.Serializer):
    """A term of an agreement; written with the agreement on create, added later through /terms/."""

    id = serializers.IntegerField(read_only=True)
    number = serializers.CharField(max_length=10)
    text = serializers.CharField()
    status = serializers.CharField(max_length=20, required=False, default="pending")
    evidence = serializers.IntegerField(source="evidence_id", read_only=True, allow_null=True)
    note = serializers.CharField(read_only=True)


class EventPositionSerializer(serializers.Serializer):
    organization = serializers.IntegerField(source="organization_id", read_only=True)
    position = serializers.CharField(read_only=True)
    note = serializers.SerializerMethodField()
    recorded_at = serializers.DateTimeField(read_only=True)

    def get_note(self, obj) -> str:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if can_see_note(user, note_org_id=obj.organization_id, internal=obj.note_internal):
            return obj.note
        return ""


class RecordSerializer(serializers.ModelSerializer):
    """Base: choices are validated against the model's, numbers against its ranges, links against what
    the writer may see."""

    serializer_related_field = VisibleRelatedField

    def build_standard_field(self, field_name, model_field):
        cls, kwargs = super().build_standard_field(field_name, model_field)
        if isinstance(cls, type) and issubclass(cls, serializers.FloatField):
            # NaN and infinity are not figures.
            kwargs.setdefault("allow_null", model_field.null)
            cls = FiniteFloatField
        return cls, kwargs


@cache
def serializer_for(kind: Kind) -> type[serializers.ModelSerializer]:
    model = kind.model
    names = [f.name for f in model._meta.get_fields()
             if (f.concrete or f.many_to_many) and not f.auto_created and f.name not in HIDDEN_FIELDS]
    if "id" not in names:
        names.insert(0, "id")
    read_only = [n for n in names if n in SYSTEM_FIELDS]
    attrs: dict = {}
    if kind.name == "observations":
        from sitroom.reference.models import Indicator

        attrs["indicator"] = serializers.SlugRelatedField(slug_field="code", queryset=Indicator.objects.all())
    if kind.name == "consignments":
        attrs["items"] = ConsignmentItemSerializer(many=True, required=False)
        names.append("items")
    if kind.name == "agreements":
        attrs["terms"] = AgreementTermSerializer(many=True, required=False)
        names.append("terms")
    if kind.name == "events":
        attrs["positions"] = EventPositionSerializer(many=True, read_only=True)
        names.append("positions")
    if kind.name in ("sources", "claims"):
        read_only = list(names)  # written through ingest and review only
    if kind.name == "claims":
        attrs["effective_payload"] = serializers.JSONField(read_only=True)
        names.append("effective_payload")
    meta = type("Meta", (), {"model": model, "fields": names, "read_only_fields": read_only})
    attrs["Meta"] = meta
    return type(f"{model.__name__}Serializer", (RecordSerializer,), attrs)


class TransitionSerializer(serializers.Serializer):
    status = serializers.CharField(max_length=20, help_text="The next status (the legal moves only)")
    on = serializers.DateField(required=False, allow_null=True, help_text="The day of the move (default today)")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class OccupancySerializer(serializers.Serializer):
    date = serializers.DateField()
    occupancy = serializers.IntegerField(min_value=0, max_value=10_000_000)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class OccupancyResultSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="update.pk")
    shelter = serializers.IntegerField(source="shelter.pk")
    date = serializers.DateField(source="update.date")
    occupancy = serializers.IntegerField(source="update.occupancy")
    capacity = serializers.IntegerField(source="shelter.capacity")
    overcrowded = serializers.BooleanField()


class PositionSerializer(serializers.Serializer):
    organization = VisibleRelatedField(queryset=None)
    position = serializers.CharField(max_length=20, help_text="confirmed, disputed or unverifiable")
    note = serializers.CharField(required=False, allow_blank=True, default="")
    internal = serializers.BooleanField(required=False, default=False)

    def __init__(self, *args, **kwargs):
        from sitroom.reference.models import Organization

        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.all()


class InspectionSerializer(serializers.Serializer):
    date = serializers.DateField()
    condition = serializers.CharField(max_length=12)
    inspector = VisibleRelatedField(queryset=None, required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")

    def __init__(self, *args, **kwargs):
        from sitroom.reference.models import Organization

        super().__init__(*args, **kwargs)
        self.fields["inspector"].queryset = Organization.objects.all()


class InspectionResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    site = serializers.IntegerField(source="site_id")
    date = serializers.DateField()
    condition = serializers.CharField()
    inspector = serializers.IntegerField(source="inspector_id", allow_null=True)
    note = serializers.CharField()


class TermStatusSerializer(serializers.Serializer):
    status = serializers.CharField(max_length=20)
    evidence = VisibleRelatedField(queryset=None, required=False, allow_null=True, help_text="A claim that shows it")
    note = serializers.CharField(required=False, allow_blank=True, default="")

    def __init__(self, *args, **kwargs):
        from sitroom.evidence.models import Claim

        super().__init__(*args, **kwargs)
        self.fields["evidence"].queryset = Claim.objects.all()


class IngestSerializer(serializers.Serializer):
    file = serializers.FileField(required=False, help_text="The report file (text, HTML, ...)")
    text = serializers.CharField(required=False, trim_whitespace=False, help_text="Or the report's text")
    filename = serializers.CharField(required=False, max_length=255, default="pasted.txt")
    sensitivity = serializers.ChoiceField(choices=Sensitivity.choices, default=Sensitivity.PARTNERS)
    outlet = serializers.CharField(required=False, max_length=250)
    url = serializers.URLField(required=False, max_length=1000)
    published = serializers.DateField(required=False)

    def validate(self, attrs):
        if bool(attrs.get("file")) == bool(attrs.get("text")):
            raise serializers.ValidationError("give either a file or a text")
        return attrs


class IngestResultSerializer(serializers.Serializer):
    source = serializers.IntegerField()
    created = serializers.BooleanField()
    claims = serializers.IntegerField()


class ReviewSerializer(serializers.Serializer):
    edits = serializers.DictField(required=False, help_text="Corrections to the claim's payload")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ChangeSerializer(serializers.Serializer):
    kind = serializers.CharField()
    id = serializers.IntegerField()
    change = serializers.ChoiceField(choices=["created", "changed", "archived", "deleted"])
    at = serializers.DateTimeField()
    by = serializers.IntegerField(allow_null=True)
    record = serializers.DictField()


class ChangePageSerializer(serializers.Serializer):
    next = serializers.CharField(help_text="Pass as ?cursor= to get the changes after this page")
    more = serializers.BooleanField(help_text="True when more changes are waiting now")
    results = ChangeSerializer(many=True)
