"""Serializers for every exchanged kind, built from the models: they translate JSON to field values and
back and hold no business rule (validation of the domain happens in the services)."""

from __future__ import annotations

from functools import cache

from rest_framework import serializers

from sitroom.access import can_see_note
from sitroom.core.records import Sensitivity
from sitroom.exchange.kinds import Kind

# Set by the system, never by a client.
SYSTEM_FIELDS = ("id", "created_at", "updated_at", "created_by", "archived_at", "archived_by", "derived_type",
                 "derived_id", "merged_into", "field_sources", "content_hash", "received_at", "received_by",
                 "warnings", "pipeline_version", "reviewer", "reviewed_at")
HIDDEN_FIELDS = ("original",)  # a source's bytes: fetched from the source page, not inlined in JSON


class ConsignmentItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    kind = serializers.CharField(read_only=True)
    quantity = serializers.FloatField(read_only=True)
    unit = serializers.CharField(read_only=True)
    weight_tons = serializers.FloatField(read_only=True, allow_null=True)


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
    """Base: choices are validated against the model's, numbers against its ranges."""

    def build_standard_field(self, field_name, model_field):
        cls, kwargs = super().build_standard_field(field_name, model_field)
        if isinstance(cls, type) and issubclass(cls, serializers.FloatField):
            # NaN and infinity are not figures.
            kwargs.setdefault("allow_null", model_field.null)
            cls = FiniteFloatField
        return cls, kwargs


class FiniteFloatField(serializers.FloatField):
    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if value != value or value in (float("inf"), float("-inf")):
            self.fail("invalid")
        if abs(value) > 1e15:
            raise serializers.ValidationError("is out of range")
        return value


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
        attrs["items"] = ConsignmentItemSerializer(many=True, read_only=True)
        names.append("items")
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
