"""Reference data: places (gazetteer), organisations, people, the indicator catalogue."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords


class PlaceKind(models.TextChoices):
    COUNTRY = "country"
    REGION = "region"
    DISTRICT = "district"
    CITY = "city"
    TOWN = "town"
    VILLAGE = "village"
    CROSSING = "crossing"
    CORRIDOR = "corridor"
    POST = "post"
    SITE = "site"
    ROUTE = "route"
    OTHER = "other"


class Place(models.Model):
    """A place of the operation area. `names` holds every variant by language: {"en": [...], "hy": [...],
    "ru": [...], "az": [...]}; the first English one is the display name."""

    key = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200, db_index=True)
    kind = models.CharField(max_length=20, choices=PlaceKind.choices, default=PlaceKind.OTHER)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    geometry = models.JSONField(null=True, blank=True)  # optional GeoJSON geometry (area, route)
    names = models.JSONField(default=dict, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def names_in(self, language: str) -> list[str]:
        return list(self.names.get(language, []))

    @property
    def all_names(self) -> str:
        """Every party's name for the place, e.g. "Stepanakert / Ստեփանակերտ / Степанакерт / Xankəndi"."""
        seen: list[str] = []
        for lang in ("en", "hy", "ru", "az"):
            for variant in self.names.get(lang, [])[:1]:
                if variant not in seen:
                    seen.append(variant)
        return " / ".join(seen) or self.name


class PlaceName(models.Model):
    """One name variant of a place, normalised for lookup (casefolded)."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="variants")
    name = models.CharField(max_length=200)
    normalized = models.CharField(max_length=200, db_index=True)
    language = models.CharField(max_length=8)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["place", "normalized", "language"], name="uniq_place_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.language})"


class OrganizationKind(models.TextChoices):
    CONTINGENT = "contingent", "Peacekeeping contingent"
    UNIT = "unit", "Unit"
    RESPONSE_CENTRE = "response_centre", "Humanitarian response centre"
    SUB_CENTRE = "sub_centre", "Sub-centre"
    MINISTRY = "ministry", "Ministry"
    GOVERNMENT = "government", "Government body"
    AGENCY = "agency", "International agency"
    NGO = "ngo", "NGO"
    PARTY = "party", "Party to the conflict"
    MEDIA = "media", "Media outlet"
    DONOR = "donor", "Donor"
    OTHER = "other", "Other"


class AccessGroup(models.TextChoices):
    """What members of an organisation may see (sitroom.access decides it, in one place)."""

    OPERATION = "operation", "The operation's own staff"
    PARTNER = "partner", "Partner"
    PARTY = "party", "Party to the conflict"
    PUBLIC = "public", "Public"


class Organization(models.Model):
    key = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=250, db_index=True)
    short_name = models.CharField(max_length=80, blank=True)
    kind = models.CharField(max_length=20, choices=OrganizationKind.choices, default=OrganizationKind.OTHER)
    access_group = models.CharField(max_length=12, choices=AccessGroup.choices, default=AccessGroup.PUBLIC)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    country = models.CharField(max_length=80, blank=True)
    aliases = models.JSONField(default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name


class Person(models.Model):
    name = models.CharField(max_length=200, db_index=True)
    role = models.CharField(max_length=300, blank=True)
    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="people")
    aliases = models.JSONField(default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name"], name="uniq_person_name")]

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    code = models.CharField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    unit = models.CharField(max_length=40)
    hxl = models.CharField(max_length=80)
    # A cumulative indicator (returns so far) should never go down; the picture flags it when it does.
    cumulative = models.BooleanField(default=False)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code
