"""Forms of the workflow pages: they parse input into typed values; the services check the rules and write."""

from __future__ import annotations

from django import forms

from sitroom.operations.models import ActivityStatus, IncidentKind, Sector
from sitroom.operations.models.places import DamageLevel, ObjectKind, ProtectionStatus, SiteKind, TermStatus
from sitroom.reference.models import Organization, Place

SENSITIVITY_CHOICES = [("partners", "Partners"), ("public", "Public"), ("internal", "Internal (operation staff and own organisation)")]
DATE = forms.DateInput(attrs={"type": "date"})


def place_field(label: str, required: bool = True) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(queryset=Place.objects.order_by("name"), to_field_name="key", label=label, required=required,
                                  empty_label="—")


def org_field(label: str, required: bool = True) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(queryset=Organization.objects.order_by("name"), to_field_name="key", label=label,
                                  required=required, empty_label="—")


class RecordForm(forms.Form):
    """Who may see the record (sitroom.access) — on every create form."""

    sensitivity = forms.ChoiceField(label="Who may see it", choices=SENSITIVITY_CHOICES, initial="partners")
    joint_monitoring = forms.BooleanField(label="Joint monitoring (visible to every party)", required=False)

    def main_fields(self) -> list:
        """The fields shown in the form's grid (item rows, if any, are shown as a table)."""
        return [f for f in self.visible_fields() if not f.name.startswith("item")]

    def record_fields(self) -> dict:
        return {"sensitivity": self.cleaned_data["sensitivity"], "joint_monitoring": self.cleaned_data["joint_monitoring"]}


class IncidentForm(RecordForm):
    title = forms.CharField(label="Title", max_length=400)
    incident_kind = forms.ChoiceField(label="Kind", choices=IncidentKind.choices)
    date = forms.DateField(label="Date", widget=DATE)
    time_of_day = forms.CharField(label="Time (HH:MM)", max_length=10, required=False)
    place = place_field("Place")
    reported_by = org_field("Reported by", required=False)
    description = forms.CharField(label="Description", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    killed_civilian = forms.IntegerField(label="Killed: civilians", min_value=0, initial=0)
    killed_military = forms.IntegerField(label="Killed: military", min_value=0, initial=0)
    killed_peacekeeper = forms.IntegerField(label="Killed: peacekeepers", min_value=0, initial=0)
    injured_civilian = forms.IntegerField(label="Injured: civilians", min_value=0, initial=0)
    injured_military = forms.IntegerField(label="Injured: military", min_value=0, initial=0)
    injured_peacekeeper = forms.IntegerField(label="Injured: peacekeepers", min_value=0, initial=0)


class PositionForm(forms.Form):
    organization = org_field("On behalf of")
    position = forms.ChoiceField(label="Position", choices=[("confirmed", "Confirmed"), ("disputed", "Disputed"), ("unverifiable", "Unverifiable")])
    note = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    internal = forms.BooleanField(label="Internal note (hidden from other parties)", required=False)


class ConsignmentForm(RecordForm):
    ITEM_ROWS = 5
    reference = forms.CharField(label="Reference", max_length=60, required=False)
    donor = org_field("Donor")
    origin = place_field("From", required=False)
    destination = place_field("To")
    sector = forms.ChoiceField(label="Sector", choices=Sector.choices, initial=Sector.OTHER)
    convoy = forms.CharField(label="Convoy", max_length=120, required=False)
    escort = org_field("Escort", required=False)
    planned_on = forms.DateField(label="Planned for", widget=DATE, required=False)
    note = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, self.ITEM_ROWS + 1):
            self.fields[f"item{i}_kind"] = forms.CharField(label=f"Item {i}: kind", max_length=120, required=i == 1)
            self.fields[f"item{i}_quantity"] = forms.FloatField(label=f"Item {i}: quantity", min_value=0, required=False)
            self.fields[f"item{i}_unit"] = forms.CharField(label=f"Item {i}: unit", max_length=30, required=False, initial="pieces" if i == 1 else "")
            self.fields[f"item{i}_weight_tons"] = forms.FloatField(label=f"Item {i}: weight (t)", min_value=0, required=False)

    def item_rows(self):
        return [[self[f"item{i}_{part}"] for part in ("kind", "quantity", "unit", "weight_tons")] for i in range(1, self.ITEM_ROWS + 1)]

    def items(self) -> list[dict]:
        rows = []
        for i in range(1, self.ITEM_ROWS + 1):
            kind = (self.cleaned_data.get(f"item{i}_kind") or "").strip()
            if not kind:
                continue
            rows.append({"kind": kind, "quantity": self.cleaned_data.get(f"item{i}_quantity"),
                         "unit": self.cleaned_data.get(f"item{i}_unit") or "pieces", "weight_tons": self.cleaned_data.get(f"item{i}_weight_tons")})
        return rows


class TransitionForm(forms.Form):
    to = forms.CharField(max_length=20)
    on = forms.DateField(label="On", widget=DATE, required=False)


class NeedForm(RecordForm):
    place = place_field("Settlement")
    sector = forms.ChoiceField(label="Sector", choices=Sector.choices)
    item_kind = forms.CharField(label="What is needed", max_length=120)
    quantity_requested = forms.FloatField(label="Quantity requested", min_value=0)
    unit = forms.CharField(label="Unit", max_length=30, initial="tons")
    assessed_on = forms.DateField(label="Assessed on", widget=DATE)
    assessed_by = org_field("Assessed by", required=False)


class ShelterForm(RecordForm):
    name = forms.CharField(label="Name", max_length=200)
    place = place_field("Place")
    operator = org_field("Operator", required=False)
    capacity = forms.IntegerField(label="Capacity (people)", min_value=1)
    has_accommodation = forms.BooleanField(label="Accommodation", required=False, initial=True)
    has_meals = forms.BooleanField(label="Hot meals", required=False)
    has_medical = forms.BooleanField(label="Medical care", required=False)


class OccupancyForm(forms.Form):
    date = forms.DateField(label="Date", widget=DATE)
    occupancy = forms.IntegerField(label="People in the shelter", min_value=0)
    note = forms.CharField(label="Note", max_length=300, required=False)


class EvacuationForm(RecordForm):
    date = forms.DateField(label="Date", widget=DATE)
    origin = place_field("From", required=False)
    destination = place_field("To", required=False)
    people = forms.IntegerField(label="People", min_value=1)
    children = forms.IntegerField(label="Of whom children", min_value=0, initial=0)
    organization = org_field("Organised by", required=False)
    status = forms.ChoiceField(label="Status", choices=ActivityStatus.choices, initial=ActivityStatus.COMPLETED)
    note = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ReturnForm(RecordForm):
    destination = place_field("Returned to")
    origin = place_field("From", required=False)
    date = forms.DateField(label="Date", widget=DATE)
    people = forms.IntegerField(label="People", min_value=1)
    escorted_by = org_field("Escorted by", required=False)
    note = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class HazardousAreaForm(RecordForm):
    name = forms.CharField(label="Name", max_length=200)
    place = place_field("Place")
    estimated_area_m2 = forms.IntegerField(label="Estimated area (m²)", min_value=1)
    contamination = forms.CharField(label="Contamination", max_length=200, required=False)


class ClearanceTaskForm(RecordForm):
    organization = org_field("Organisation")
    team = forms.CharField(label="Team", max_length=120, required=False)
    start = forms.DateField(label="Start", widget=DATE)
    end = forms.DateField(label="End", widget=DATE, required=False)
    status = forms.ChoiceField(label="Status", choices=ActivityStatus.choices, initial=ActivityStatus.ONGOING)
    area_cleared_m2 = forms.IntegerField(label="Area cleared (m²)", min_value=0, initial=0)
    items_found = forms.CharField(label="Items found (one per line: type: count)", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    items_destroyed = forms.CharField(label="Items destroyed (one per line: type: count)", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    @staticmethod
    def parse_items(text: str, field: str) -> dict:
        from sitroom.errors import ValidationError

        items: dict[str, str] = {}
        for n, line in enumerate((text or "").splitlines(), start=1):
            if not line.strip():
                continue
            kind, sep, count = line.rpartition(":")
            if not sep:
                raise ValidationError(f"line {n}: write 'type: count', e.g. 'anti-personnel mine: 12'", field=field)
            items[kind.strip()] = count.strip()
        return items


class ReconstructionForm(RecordForm):
    name = forms.CharField(label="Name", max_length=200)
    kind = forms.ChoiceField(label="Kind", choices=ObjectKind.choices)
    place = place_field("Place")
    units = forms.IntegerField(label="Units (e.g. flats)", min_value=1, initial=1)
    damage = forms.ChoiceField(label="Damage", choices=DamageLevel.choices, initial=DamageLevel.MODERATE)
    organization = org_field("Restored by", required=False)


class SiteForm(RecordForm):
    name = forms.CharField(label="Name (English)", max_length=200)
    name_hy = forms.CharField(label="Name in Armenian", max_length=200, required=False)
    name_ru = forms.CharField(label="Name in Russian", max_length=200, required=False)
    name_az = forms.CharField(label="Name in Azerbaijani", max_length=200, required=False)
    kind = forms.ChoiceField(label="Kind", choices=SiteKind.choices)
    religion = forms.CharField(label="Faith", max_length=60, required=False)
    place = place_field("Place")
    protection_status = forms.ChoiceField(label="Protection status", choices=ProtectionStatus.choices, initial=ProtectionStatus.UNKNOWN)
    protected_by = org_field("Protected by", required=False)


class InspectionForm(forms.Form):
    date = forms.DateField(label="Date", widget=DATE)
    condition = forms.ChoiceField(label="Condition found", choices=ProtectionStatus.choices)
    inspector = org_field("Inspected by", required=False)
    note = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class TermStatusForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=TermStatus.choices)
    note = forms.CharField(label="Note", max_length=1000, required=False)


class MeetingForm(RecordForm):
    title = forms.CharField(label="Title", max_length=300)
    kind = forms.ChoiceField(label="Kind", choices=[("meeting", "Meeting"), ("negotiation", "Negotiation")])
    date = forms.DateField(label="Date", widget=DATE)
    place = place_field("Place", required=False)
    participants = forms.ModelMultipleChoiceField(queryset=Organization.objects.order_by("name"), to_field_name="key",
                                                  label="Participants", required=False)
    participants_text = forms.CharField(label="Other participants", max_length=500, required=False)
    outcome = forms.CharField(label="Outcome", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ActivityForm(RecordForm):
    title = forms.CharField(label="Activity", max_length=300)
    organization = org_field("Organisation")
    sector = forms.ChoiceField(label="Sector", choices=Sector.choices)
    place = place_field("Place", required=False)
    start = forms.DateField(label="Start", widget=DATE, required=False)
    end = forms.DateField(label="End", widget=DATE, required=False)
    status = forms.ChoiceField(label="Status", choices=ActivityStatus.choices)
    progress_value = forms.FloatField(label="Progress", min_value=0, required=False)
    target_value = forms.FloatField(label="Target", min_value=0, required=False)
    progress_unit = forms.CharField(label="Unit", max_length=40, required=False)
