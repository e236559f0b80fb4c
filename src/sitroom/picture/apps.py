from django.apps import AppConfig


class PictureConfig(AppConfig):
    name = "sitroom.picture"
    label = "picture"
    default_auto_field = "django.db.models.BigAutoField"
