from django.urls import path

from . import nearby, views

app_name = "places"
urlpatterns = [
    path("", views.PlaceListView.as_view(), name="list"),
    path("kaart.geojson", views.PlaceMapDataView.as_view(), name="map-data"),
    path("plek/<slug:slug>/", views.PlaceDetailView.as_view(), name="detail"),
    path("gebied/<str:code>/", views.AreaDetailView.as_view(), name="area"),
    path("in-de-buurt/", nearby.NearbyView.as_view(), name="nearby"),
    path("handout/", nearby.HandoutView.as_view(), name="handout"),
    path("over/", views.AboutView.as_view(), name="about"),
]
