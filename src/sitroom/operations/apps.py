from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "sitroom.operations"
    label = "operations"
    default_auto_field = "django.db.models.BigAutoField"
