"""Open Referral's HSDS API, read-only, for the published places (hsds_document.py holds its
document): services, organisations and services at locations, paged as that document says.
Each record is built as the HSDS file export builds it (hsds.py)."""

import math

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from places.exports import hsds, hsds_document
from places.exports.readonly import ReadOnlyAPI, error, json_response
from places.models import Organisation, Place, PlaceType

TAXONOMY = hsds.taxonomy()["id"]
ONE_TO_ONE = ["id", "organization_id", "name", "description", "url", "email", "status"]
ONE_TO_ONE += ["fees_description", "last_modified"]


class NotFound(Exception):
    pass


def published():
    places = Place.objects.using(settings.MAP_DATABASE).published()
    return places.select_related("place_type", "organisation").order_by("pk")


def service_summary(place, minimal=False):
    full = hsds.service(place)
    fields = ["id", "name", "status", "last_modified"] if minimal else ONE_TO_ONE
    return hsds.without_none({name: full[name] for name in fields})


def full_service(place):
    return hsds.without_none(hsds.service(place))


class HSDSView(ReadOnlyAPI):
    path = None  # the path in the HSDS document

    def get_params(self):
        return hsds_document.params(self.path)

    def get(self, request, **kwargs):
        try:
            return json_response(hsds.without_none(self.answer(**kwargs)))
        except NotFound:
            return error(_("There is no such record here."), 404)

    def page(self, total, items):
        """The HSDS page for `total` records; items(offset, limit) gives this page's records."""
        size = self.query.get("per_page", 50)
        number = self.query.get("page", 1)
        pages = math.ceil(total / size)
        if number > max(pages, 1):
            raise NotFound
        contents = items((number - 1) * size, size)
        return {
            "total_items": total,
            "total_pages": pages,
            "page_number": number,
            "size": len(contents),
            "first_page": number == 1,
            "last_page": number >= pages,
            "empty": total == 0,
            "contents": contents,
        }

    def places(self):
        """The published places the filters of services and services at locations select."""
        places = published()
        if "search" in self.query:
            places = places.search(self.query["search"])
        if "organization_id" in self.query:
            places = by_organisation(places, self.query["organization_id"])
        if "taxonomy_term_id" in self.query:
            places = places.filter(place_type__in=terms(self.query["taxonomy_term_id"]))
        if self.query.get("taxonomy_id", TAXONOMY).lower() != TAXONOMY:
            places = places.none()
        if "modified_after" in self.query:
            places = places.filter(updated_at__gte=aware(self.query["modified_after"]))
        if "postcode" in self.query:
            places = by_postcode(places, self.query["postcode"])
        return places


def by_organisation(places, text):
    kind, key = hsds.parse_id(text) or (None, None)
    if kind == "organization":
        return places.filter(organisation_id=key)
    if kind == "place":
        return places.filter(pk=key, organisation=None)
    return places.none()


def by_postcode(places, text):
    code = "".join(text.split()).upper()
    if len(code) == 4:
        return places.filter(postcode__startswith=code)
    return places.filter(postcode__in=[code, f"{code[:4]} {code[4:]}"])


def aware(moment):
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def place_of(kind, text):
    found = hsds.parse_id(text)
    if not found or found[0] != kind:
        raise NotFound
    place = published().filter(pk=found[1]).first()
    if place is None:
        raise NotFound
    return place


class RootView(HSDSView):
    path = "/"

    def answer(self):
        url = reverse("places:hsds-openapi")
        return {"version": "3.0", "openapi_url": self.request.build_absolute_uri(url)}


class DocumentView(ReadOnlyAPI):
    def get(self, request):
        server = request.build_absolute_uri(reverse("places:hsds-root"))[:-1]
        return json_response(hsds_document.document(server))


class ServicesView(HSDSView):
    path = "/services"

    def answer(self):
        places = self.places()
        if self.query.get("full"):
            return self.page(
                places.count(), lambda o, n: [full_service(p) for p in places[o : o + n]]
            )
        minimal = self.query.get("minimal", False)
        return self.page(
            places.count(), lambda o, n: [service_summary(p, minimal) for p in places[o : o + n]]
        )


class ServiceView(HSDSView):
    path = "/services/{id}"

    def answer(self, id):
        return full_service(place_of("service", id))


class OrganizationsView(HSDSView):
    path = "/organizations"

    def answer(self):
        places = published()
        if "search" in self.query:
            places = places.search(self.query["search"])
        named = Organisation.objects.filter(places__in=places).distinct().order_by("pk")
        alone = places.filter(organisation=None)
        counted = named.count()

        def items(offset, limit):
            found = [hsds.organization(o) for o in named[offset : offset + limit]]
            start = max(offset - counted, 0)
            found += [hsds.organisation_of(p) for p in alone[start : start + limit - len(found)]]
            return [self.with_services(organisation) for organisation in found]

        return self.page(counted + alone.count(), items)

    def with_services(self, organization):
        if not (self.query.get("full") or self.query.get("full_service")):
            return organization
        return organization_services(organization, self.query.get("full_service"))


def organization_services(organization, full):
    kind, key = hsds.parse_id(organization["id"])
    places = published().filter(
        **({"organisation_id": key} if kind == "organization" else {"pk": key})
    )
    describe = full_service if full else service_summary
    return {**organization, "services": [describe(place) for place in places]}


class OrganizationView(HSDSView):
    path = "/organizations/{id}"

    def answer(self, id):
        kind, key = hsds.parse_id(id) or (None, None)
        if kind == "organization":
            organisation = Organisation.objects.filter(pk=key, places__in=published()).first()
            if organisation is None:
                raise NotFound
            found = hsds.organization(organisation)
        else:
            found = hsds.organisation_of(place_of("place", id))
        return organization_services(found, self.query.get("full_service"))


def service_at_location(place, full):
    service = hsds.service(place)
    link = dict(service["service_at_locations"][0])
    if full:
        link["service"] = {name: service[name] for name in ONE_TO_ONE}
    else:
        del link["location"]
    return link


class ServiceAtLocationsView(HSDSView):
    path = "/service_at_locations"

    def answer(self):
        places, full = self.places(), self.query.get("full", False)
        return self.page(
            places.count(), lambda o, n: [service_at_location(p, full) for p in places[o : o + n]]
        )


class ServiceAtLocationView(HSDSView):
    path = "/service_at_locations/{id}"

    def answer(self, id):
        return service_at_location(place_of("service_at_location", id), True)


def terms(text=None):
    """The place types as taxonomy terms; the one with id `text` when given."""
    types = PlaceType.objects.using(settings.MAP_DATABASE).order_by("order", "name")
    if text is None:
        return types
    kind, key = hsds.parse_id(text) or (None, None)
    return types.filter(pk=key) if kind == "place_type" else types.none()


def matches(text, *fields):
    return all(any(word.lower() in field.lower() for field in fields) for word in text.split())


class TaxonomiesView(HSDSView):
    path = "/taxonomies"

    def answer(self):
        found = [hsds.taxonomy()]
        search = self.query.get("search", "")
        found = [t for t in found if matches(search, t["name"], t["description"])]
        return self.page(len(found), lambda o, n: found[o : o + n])


class TaxonomyView(HSDSView):
    path = "/taxonomies/{id}"

    def answer(self, id):
        if id.lower() != TAXONOMY:
            raise NotFound
        return hsds.taxonomy()


class TaxonomyTermsView(HSDSView):
    path = "/taxonomy_terms"

    def answer(self):
        found = terms()
        for word in self.query.get("search", "").split():
            found = found.filter(name__icontains=word)
        if self.query.get("taxonomy_id", TAXONOMY).lower() != TAXONOMY or "parent_id" in self.query:
            found = found.none()  # one taxonomy, without a hierarchy
        return self.page(found.count(), lambda o, n: [hsds.term(t) for t in found[o : o + n]])


class TaxonomyTermView(HSDSView):
    path = "/taxonomy_terms/{id}"

    def answer(self, id):
        found = terms(id).first()
        if found is None:
            raise NotFound
        return hsds.term(found)
