from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Indicator, Organization, Person, Place, PlaceName


class PlaceNameInline(admin.TabularInline):
    model = PlaceName
    extra = 0


@admin.register(Place)
class PlaceAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "parent", "lat", "lon")
    list_filter = ("kind",)
    search_fields = ("name", "key", "variants__name")
    inlines = [PlaceNameInline]


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "short_name", "kind", "access_group", "parent")
    list_filter = ("kind", "access_group")
    search_fields = ("name", "short_name", "key")


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ("name", "role", "organization")
    search_fields = ("name", "role")


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "unit", "hxl", "cumulative")
