from django.conf import settings


def sitroom(request):
    """What every page's layout needs."""
    return {"SITROOM_MAP_TILE_URL": settings.MAP_TILE_URL}
