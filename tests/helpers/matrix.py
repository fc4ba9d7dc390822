"""Every URL of the places app × every role × GET and POST.

The table is checked against the URL patterns, so a new URL without an entry fails. A
POST that is refused must leave the database as it was.
"""

from django.urls import reverse

from places import urls as place_urls
from places.models import (
    ClaimRequest,
    ContactMoment,
    EventProposal,
    Membership,
    Place,
    Report,
)
from surveys.models import Response
from tests.helpers.accounts import log_in

ROLES = ["anonymous", "owner", "stranger", "wijkteam", "beleid", "redactie"]
LOGIN = 302  # anonymous visitors are sent to the login page


def same(get, post):
    return {role: (get, post) for role in ROLES}


def public(get=200, post=405):
    return same(get, post)


def logged_in(get, post, **per_role):
    table = {role: (get, post) for role in ROLES}
    table["anonymous"] = (LOGIN, LOGIN)
    table.update(per_role)
    return table


def editors_only(get, post):
    return logged_in(403, 403, redactie=(get, post))


def members_and_editors(get, post, outsider=(404, 404)):
    return logged_in(*outsider, owner=(get, post), redactie=(get, post))


EXPECTED = {
    "list": public(),
    "map-data": public(),
    "nearby": public(),
    "address-suggest": public(),
    "handout": public(),
    "about": public(),
    "accessibility": public(),
    "privacy": public(),
    "municipality-logo": public(404, 405),  # no logo uploaded
    "area": public(),
    "detail": public(),
    "report": public(200, 400),
    "create": logged_in(200, 400),
    "edit": members_and_editors(200, 400),
    "verify": members_and_editors(405, 302, outsider=(405, 404)),
    "history": members_and_editors(200, 405, outsider=(404, 405)),
    "revert": members_and_editors(405, 302, outsider=(405, 404)),
    "members": members_and_editors(200, 405, outsider=(404, 405)),
    "revoke": members_and_editors(405, 302, outsider=(405, 404)),
    "claim": logged_in(200, 400),
    "contact": logged_in(405, 403, wijkteam=(405, 400)),
    "mine": logged_in(200, 405),
    "my-data": logged_in(200, 405),
    "my-data-download": logged_in(200, 405),
    "erase": logged_in(200, 400),
    "wijkteams": logged_in(403, 405, wijkteam=(302, 405), beleid=(302, 405), redactie=(302, 405)),
    "wijkteam": logged_in(404, 405, wijkteam=(200, 405), beleid=(200, 405), redactie=(200, 405)),
    "dashboard": logged_in(403, 403, beleid=(200, 405), redactie=(200, 405)),
    "dashboard-csv": logged_in(403, 403, beleid=(200, 405), redactie=(200, 405)),
    "costs": logged_in(403, 403, beleid=(200, 405), redactie=(200, 405)),
    "targets": logged_in(403, 403, beleid=(200, 405), redactie=(200, 405)),
    "network-changes": logged_in(403, 403, beleid=(200, 405), redactie=(200, 405)),
    # Without the number it stands for (?soort=…) the list is not found.
    "network-change-places": logged_in(403, 403, beleid=(404, 405), redactie=(404, 405)),
    "network-changes-csv": logged_in(403, 403, beleid=(200, 405), redactie=(200, 405)),
    "network-change-places-csv": logged_in(403, 403, beleid=(404, 405), redactie=(404, 405)),
    "export": public(),
    "api-places": public(),
    "api-areas": public(),
    "openapi": public(),
    "api-nearby": public(400, 405),
    "hsds-root": public(),
    "hsds-openapi": public(),
    "hsds-services": public(),
    "hsds-service": public(404, 405),
    "hsds-organizations": public(),
    "hsds-organization": public(404, 405),
    "hsds-service-at-locations": public(),
    "hsds-service-at-location": public(404, 405),
    "hsds-taxonomies": public(),
    "hsds-taxonomy": public(404, 405),
    "hsds-terms": public(),
    "hsds-term": public(404, 405),
    "moderation": editors_only(200, 405),
    "changes": editors_only(200, 405),
    "publish": editors_only(405, 302),
    "merge": editors_only(200, 405),
    "duplicates": editors_only(200, 405),
    "import": editors_only(200, 200),  # a POST without a file shows the form again
    "import-map": editors_only(404, 404),  # no such upload
    "import-events": editors_only(200, 200),  # a POST without a file shows the form again
    "import-events-run": editors_only(404, 404),  # no such upload
    "import-report": editors_only(404, 405),
    "import-progress": editors_only(404, 405),
    "merge-compare": editors_only(200, 400),
    "unmerge": editors_only(405, 404),
    "invite": editors_only(200, 200),
    "claim-decision": editors_only(405, 302),
    "report-handled": editors_only(200, 400),
    "propose-event": members_and_editors(200, 400),
    "event-proposal": editors_only(405, 302),  # refused input: a message, nothing changed
    "unverified": editors_only(200, 302),
}


def url_for(name, places, people):
    kamer = places["kamer"]
    kwargs = {
        "detail": {"slug": kamer.slug},
        "area": {"code": "WK036301"},
        "revoke": {"slug": kamer.slug, "pk": Membership.objects.get(place=kamer).pk},
        "revert": {"slug": kamer.slug, "history_id": kamer.history.earliest().history_id},
        "wijkteam": {"pk": people["wijkteam"].wijkteams.get().pk},
        "claim-decision": {
            "pk": ClaimRequest.objects.create(
                user=people["stranger"], place=kamer, message="Ik zet koffie"
            ).pk
        },
        "export": {"fmt": "csv"},
        "api-places": {"fmt": "json"},
        "api-areas": {"fmt": "json"},
        "hsds-service": {"id": "onbekend"},
        "hsds-organization": {"id": "onbekend"},
        "hsds-service-at-location": {"id": "onbekend"},
        "hsds-taxonomy": {"id": "onbekend"},
        "hsds-term": {"id": "onbekend"},
        "merge-compare": {"slug": kamer.slug, "other": places["closed"].slug},
        "import-map": {"token": "geen-upload-met-deze-naam"},
        "import-events-run": {"token": "geen-upload-met-deze-naam"},
        "import-report": {"token": "geen-upload-met-deze-naam"},
        "import-progress": {"token": "geen-upload-met-deze-naam"},
        "unmerge": {"pk": 999_999},
        "report-handled": {
            "pk": Report.objects.create(place=kamer, message="Het adres klopt niet").pk
        },
        "event-proposal": {
            "pk": EventProposal.objects.create(
                place=kamer, kind="closed", happened_on="2024-01-01"
            ).pk
        },
    }.get(name)
    if kwargs is None and "<slug:slug>" in str(pattern_of(name).pattern):
        kwargs = {"slug": kamer.slug}
    return reverse(f"places:{name}", kwargs=kwargs)


def pattern_of(name):
    return next(p for p in place_urls.urlpatterns if p.name == name)


def snapshot():
    kamer = Place.objects.get(name="Buurtkamer Het Anker")
    return {
        "kamer": (kamer.name, kamer.version, kamer.is_published, kamer.last_verified_at),
        "memberships": Membership.objects.count(),
        "claims": list(ClaimRequest.objects.values_list("status", flat=True)),
        "reports": list(Report.objects.values_list("status", flat=True)),
        "contacts": ContactMoment.objects.count(),
        "history": Place.history.count(),
        "places": Place.objects.count(),
        "responses": Response.objects.count(),
    }


def check(client, people, role, url, expected, may_write=False):
    """GET and POST as a role; a refused POST (or an anonymous one) changes nothing."""
    expected_get, expected_post = expected
    if role != "anonymous":
        log_in(client, people[role])
    assert client.get(url).status_code == expected_get
    before = snapshot()
    assert client.post(url).status_code == expected_post
    if expected_post in (403, 404, 405) or (role == "anonymous" and not may_write):
        assert snapshot() == before
