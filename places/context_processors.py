from .models import PlaceType


def map_settings(request):
    # A lazy queryset: only pages that draw a map or legend query it.
    return {"place_types": PlaceType.objects.all()}
