from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import User


@admin.register(User)
class SitroomUserAdmin(UserAdmin):
    list_display = ("username", "role", "organization", "is_active")
    list_filter = ("role", "is_active")
    fieldsets = UserAdmin.fieldsets + (("sitroom", {"fields": ("role", "organization")}),)
