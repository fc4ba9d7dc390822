from django.urls import path, re_path

from places.accounts import privacy
from places.exports import api, hsds_api
from places.exports import views as exports
from places.policy import change_csv, change_views
from places.policy import views as policy
from places.views import (
    desk,
    edit,
    event_proposals,
    handout,
    history,
    imports,
    merging,
    moderation,
    municipality,
    nearby,
    people,
    propose,
    public,
    reports,
    statements,
)

app_name = "places"
urlpatterns = [
    path("", public.PlaceListView.as_view(), name="list"),
    path("kaart.geojson", public.PlaceMapDataView.as_view(), name="map-data"),
    path("in-de-buurt/", nearby.NearbyView.as_view(), name="nearby"),
    path("in-de-buurt/adressen.json", nearby.AddressSuggestView.as_view(), name="address-suggest"),
    path("handout/", handout.HandoutView.as_view(), name="handout"),
    path("over/", public.AboutView.as_view(), name="about"),
    path(
        "toegankelijkheid/",
        statements.AccessibilityStatementView.as_view(),
        name="accessibility",
    ),
    path("privacy/", statements.PrivacyStatementView.as_view(), name="privacy"),
    path("gemeente/logo", municipality.LogoView.as_view(), name="municipality-logo"),
    path("gebied/<str:code>/", public.AreaDetailView.as_view(), name="area"),
    # A place and what members, wijkteams and visitors do with it.
    path("plek/nieuw/", propose.PlaceCreateView.as_view(), name="create"),
    path("plek/<slug:slug>/", public.PlaceDetailView.as_view(), name="detail"),
    path("plek/<slug:slug>/bewerken/", edit.PlaceEditView.as_view(), name="edit"),
    path("plek/<slug:slug>/klopt-nog/", edit.VerifyView.as_view(), name="verify"),
    path(
        "plek/<slug:slug>/gebeurtenis-voorstellen/",
        event_proposals.ProposeEventView.as_view(),
        name="propose-event",
    ),
    path("plek/<slug:slug>/geschiedenis/", history.PlaceHistoryView.as_view(), name="history"),
    path(
        "plek/<slug:slug>/geschiedenis/<int:history_id>/ongedaan-maken/",
        history.RevertView.as_view(),
        name="revert",
    ),
    path("plek/<slug:slug>/leden/", people.MembersView.as_view(), name="members"),
    path(
        "plek/<slug:slug>/leden/<int:pk>/beeindigen/",
        people.RevokeMembershipView.as_view(),
        name="revoke",
    ),
    path("plek/<slug:slug>/aanvragen/", people.ClaimView.as_view(), name="claim"),
    path("plek/<slug:slug>/melden/", reports.ReportView.as_view(), name="report"),
    path("plek/<slug:slug>/contact/", people.ContactMomentView.as_view(), name="contact"),
    # A person's own pages.
    path("mijn-plekken/", edit.MyPlacesView.as_view(), name="mine"),
    path("mijn-gegevens/", privacy.MyDataView.as_view(), name="my-data"),
    path("mijn-gegevens/download/", privacy.DownloadView.as_view(), name="my-data-download"),
    path("mijn-gegevens/wissen/", privacy.EraseView.as_view(), name="erase"),
    # Wijkteams.
    path("wijkteam/", people.WijkteamIndexView.as_view(), name="wijkteams"),
    path("wijkteam/<int:pk>/", people.WijkteamView.as_view(), name="wijkteam"),
    # Policy staff, exports and the API.
    path("beleid/", policy.DashboardView.as_view(), name="dashboard"),
    path("beleid/tabel.csv", policy.DashboardTableCSV.as_view(), name="dashboard-csv"),
    path("beleid/kosten/", policy.CostsView.as_view(), name="costs"),
    path("beleid/kosten/afspraken/", policy.TargetsView.as_view(), name="targets"),
    path("beleid/verandering/", change_views.ChangesView.as_view(), name="network-changes"),
    path(
        "beleid/verandering/plekken/",
        change_views.ChangePlacesView.as_view(),
        name="network-change-places",
    ),
    path(
        "beleid/verandering/tabel.csv",
        change_csv.ChangeTableCSV.as_view(),
        name="network-changes-csv",
    ),
    path(
        "beleid/verandering/plekken.csv",
        change_csv.ChangePlacesCSV.as_view(),
        name="network-change-places-csv",
    ),
    re_path(
        r"^export/plekken\.(?P<fmt>csv|xlsx|geojson|hsds)$",
        exports.ExportView.as_view(),
        name="export",
    ),
    re_path(r"^api/plekken\.(?P<fmt>json|geojson)$", api.PlacesAPI.as_view(), name="api-places"),
    re_path(r"^api/gebieden\.(?P<fmt>json|geojson)$", api.AreasAPI.as_view(), name="api-areas"),
    path("api/in-de-buurt.json", api.NearbyAPI.as_view(), name="api-nearby"),
    path("api/openapi.json", api.OpenAPIView.as_view(), name="openapi"),
    # Open Referral's HSDS API (places/exports/hsds_document.py).
    path("api/hsds/", hsds_api.RootView.as_view(), name="hsds-root"),
    path("api/hsds/openapi.json", hsds_api.DocumentView.as_view(), name="hsds-openapi"),
    path("api/hsds/services", hsds_api.ServicesView.as_view(), name="hsds-services"),
    path("api/hsds/services/<str:id>", hsds_api.ServiceView.as_view(), name="hsds-service"),
    path("api/hsds/organizations", hsds_api.OrganizationsView.as_view(), name="hsds-organizations"),
    path(
        "api/hsds/organizations/<str:id>",
        hsds_api.OrganizationView.as_view(),
        name="hsds-organization",
    ),
    path(
        "api/hsds/service_at_locations",
        hsds_api.ServiceAtLocationsView.as_view(),
        name="hsds-service-at-locations",
    ),
    path(
        "api/hsds/service_at_locations/<str:id>",
        hsds_api.ServiceAtLocationView.as_view(),
        name="hsds-service-at-location",
    ),
    path("api/hsds/taxonomies", hsds_api.TaxonomiesView.as_view(), name="hsds-taxonomies"),
    path("api/hsds/taxonomies/<str:id>", hsds_api.TaxonomyView.as_view(), name="hsds-taxonomy"),
    path("api/hsds/taxonomy_terms", hsds_api.TaxonomyTermsView.as_view(), name="hsds-terms"),
    path("api/hsds/taxonomy_terms/<str:id>", hsds_api.TaxonomyTermView.as_view(), name="hsds-term"),
    # Editors.
    path("redactie/", moderation.DashboardView.as_view(), name="moderation"),
    path("redactie/niet-gecontroleerd/", desk.UnverifiedView.as_view(), name="unverified"),
    path("redactie/wijzigingen/", moderation.RecentChangesView.as_view(), name="changes"),
    path("redactie/plek/<slug:slug>/publiceren/", moderation.PublishView.as_view(), name="publish"),
    path("redactie/dubbel/", merging.DuplicatesView.as_view(), name="duplicates"),
    path("redactie/import/", imports.UploadView.as_view(), name="import"),
    path(
        "redactie/import/gebeurtenissen/",
        imports.EventsUploadView.as_view(),
        name="import-events",
    ),
    path(
        "redactie/import/gebeurtenissen/<str:token>/",
        imports.EventsImportView.as_view(),
        name="import-events-run",
    ),
    path("redactie/import/<str:token>/", imports.MappingView.as_view(), name="import-map"),
    path(
        "redactie/import/<str:token>/rapport.csv",
        imports.ReportView.as_view(),
        name="import-report",
    ),
    path(
        "redactie/import/<str:token>/voortgang.json",
        imports.ProgressView.as_view(),
        name="import-progress",
    ),
    path("redactie/plek/<slug:slug>/samenvoegen/", merging.MergeView.as_view(), name="merge"),
    path(
        "redactie/plek/<slug:slug>/samenvoegen/<slug:other>/",
        merging.CompareView.as_view(),
        name="merge-compare",
    ),
    path("redactie/samenvoeging/<int:pk>/ongedaan/", merging.UnmergeView.as_view(), name="unmerge"),
    path("redactie/plek/<slug:slug>/uitnodigen/", moderation.InviteView.as_view(), name="invite"),
    path(
        "redactie/aanvraag/<int:pk>/", moderation.ClaimDecisionView.as_view(), name="claim-decision"
    ),
    path("redactie/melding/<int:pk>/", desk.ReportView.as_view(), name="report-handled"),
    path(
        "redactie/voorstel/<int:pk>/",
        event_proposals.DecideProposalView.as_view(),
        name="event-proposal",
    ),
]
