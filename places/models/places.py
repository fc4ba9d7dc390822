"""A meeting place, its type, operator and the words it is described with."""

from decimal import Decimal

from django.conf import settings
from django.contrib.gis.db import models
from django.core.validators import MinValueValidator, RegexValidator
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from places import roles
from places.geo import netherlands_validator
from places.hours import OpeningHoursField
from places.models.areas import Area
from places.models.history import PlaceChange, PlaceHistory
from places.querysets import PlaceQuerySet
from places.text import sort_key, validate_one_line


class PlaceType(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    color = models.CharField(
        _("map colour"),
        max_length=7,
        default="#1f5fa8",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a hex colour such as #1f5fa8."))],
        help_text=_("Hex colour, e.g. #1f5fa8"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("place type")
        verbose_name_plural = _("place types")

    def __str__(self):
        return self.name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        WELFARE = "welzijnsorganisatie", _("welfare organisation")
        RESIDENTS = "bewonersgroep", _("residents' group")
        FOUNDATION = "stichting", _("foundation")
        CHURCH = "kerk", _("church or faith community")
        MUNICIPALITY = "gemeente", _("municipality")
        OTHER = "overig", _("other")

    name = models.CharField(_("name"), max_length=200, validators=[validate_one_line])
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Tag(models.Model):
    """A named item admins can add to: a service, a target group."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), unique=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Service(Tag):
    class Meta(Tag.Meta):
        verbose_name = _("service")
        verbose_name_plural = _("services")


class TargetGroup(Tag):
    class Meta(Tag.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Place(models.Model):
    class ManagementForm(models.TextChoices):
        SELF = "zelfbeheer", _("self-managed (zelfbeheer)")
        SOCIAL = "sociaal_beheer", _("social management (sociaal beheer)")
        PRIVATE = "particulier_initiatief", _("private initiative")
        MUNICIPAL = "gemeentelijk", _("municipal")
        UNKNOWN = "onbekend", _("unknown")

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        TEMPORARILY_CLOSED = "temporarily_closed", _("temporarily closed")
        CLOSED = "closed", _("closed")

    class Wheelchair(models.TextChoices):
        YES = "yes", _("wheelchair accessible")
        LIMITED = "limited", _("partly wheelchair accessible")
        NO = "no", _("not wheelchair accessible")
        UNKNOWN = "unknown", _("unknown")

    class VisitorCost(models.TextChoices):
        FREE = "free", _("free")
        CONTRIBUTION = "contribution", _("a contribution")
        VARIES = "varies", _("depends on the activity")
        UNKNOWN = "unknown", _("unknown")

    name = models.CharField(_("name"), max_length=200, validators=[validate_one_line])
    # The list's order, the same in every collation (places.text.sort_key); set by save().
    sort_name = models.CharField(_("sort name"), max_length=200, editable=False, default="")
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    place_type = models.ForeignKey(
        PlaceType, verbose_name=_("type"), on_delete=models.PROTECT, related_name="places"
    )
    management_form = models.CharField(
        _("management form"),
        max_length=30,
        choices=ManagementForm.choices,
        default=ManagementForm.UNKNOWN,
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("operator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="places",
    )
    description = models.TextField(_("description"), blank=True)

    street = models.CharField(
        _("street"), max_length=200, blank=True, validators=[validate_one_line]
    )
    # Kept as text: real registers hold "65-H-H", "117-119" and worse.
    house_number = models.CharField(
        _("house number"), max_length=40, blank=True, validators=[validate_one_line]
    )
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[validate_one_line]
    )
    city = models.CharField(_("city"), max_length=100, blank=True, validators=[validate_one_line])
    location = models.PointField(
        _("location"), srid=settings.STORAGE_SRID, validators=[netherlands_validator]
    )
    buurt = models.ForeignKey(
        Area,
        verbose_name=_("neighbourhood"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="places",
        limit_choices_to={"kind": Area.Kind.BUURT},
        help_text=_("Assigned automatically from the location."),
    )

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    # The day it opened, as its 'opened' event says (places.models.events); unknown: empty.
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    opening_hours = OpeningHoursField(_("opening hours"), blank=True)

    services = models.ManyToManyField(Service, verbose_name=_("services"), blank=True)
    target_groups = models.ManyToManyField(TargetGroup, verbose_name=_("target groups"), blank=True)

    wheelchair = models.CharField(
        _("wheelchair access"), max_length=10, choices=Wheelchair.choices, default="unknown"
    )
    accessible_toilet = models.BooleanField(_("accessible toilet"), null=True, blank=True)
    hearing_loop = models.BooleanField(_("hearing loop"), null=True, blank=True)

    visitor_cost = models.CharField(
        _("cost of a visit"), max_length=20, choices=VisitorCost.choices, default="unknown"
    )
    visitor_cost_amount = models.DecimalField(
        _("contribution (euro)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    visitor_cost_note = models.CharField(_("about the costs"), max_length=200, blank=True)

    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(
        _("telephone"), max_length=30, blank=True, validators=[validate_one_line]
    )
    # Personal data: never shown on public pages, map data or exports.
    contact_name = models.CharField(
        _("contact person"), max_length=200, blank=True, validators=[validate_one_line]
    )
    contact_email = models.EmailField(_("contact person's e-mail"), blank=True)
    contact_phone = models.CharField(
        _("contact person's telephone"), max_length=30, blank=True, validators=[validate_one_line]
    )

    internal_notes = models.TextField(_("internal notes"), blank=True)

    is_published = models.BooleanField(_("published"), default=False, db_index=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_duplicates",
    )
    last_verified_at = models.DateTimeField(_("last verified"), null=True, blank=True)
    # Optimistic locking: a save succeeds only if nobody saved in between (see places.editing).
    version = models.PositiveIntegerField(_("version"), default=1)
    # What `generate_demo_details` filled in (field names, "yearly_costs:2024", "activity:7"…):
    # shown as "voorbeeldgegevens" and removed exactly by `generate_demo_details --remove`.
    demo_fields = models.JSONField(_("demo details"), default=list, blank=True, editable=False)
    source = models.CharField(_("source"), max_length=100, blank=True)
    external_id = models.CharField(_("external id"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PlaceQuerySet.as_manager()
    history = PlaceHistory(
        excluded_fields=["updated_at", "sort_name"],
        m2m_fields=["services", "target_groups"],
        bases=[PlaceChange],
    )

    class Meta:
        ordering = ["sort_name", "name"]
        verbose_name = _("meeting place")
        verbose_name_plural = _("meeting places")
        # The list is ordered by name: with an index the first page needs no full sort.
        indexes = [
            models.Index(fields=["sort_name", "name"], name="place_sort_name_idx"),
            # Whether any place shows example data (places.demo.has_demo, on every dashboard):
            # without it, a register with no demo reads every row to find none.
            models.Index(fields=["id"], condition=~models.Q(demo_fields=[]), name="place_demo_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=~models.Q(external_id=""),
                name="place_unique_external_id",
            ),
            models.CheckConstraint(
                condition=models.Q(visitor_cost_amount__gte=0)
                | models.Q(visitor_cost_amount__isnull=True),
                name="place_visitor_cost_not_negative",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("places:detail", kwargs={"slug": self.slug})

    @property
    def wijk(self):
        return self.buurt.parent if self.buurt_id else None

    @property
    def address(self):
        street = " ".join(part for part in (self.street, self.house_number) if part)
        town = " ".join(part for part in (self.postcode, self.city) if part)
        return ", ".join(part for part in (street, town) if part)

    def save(self, *args, **kwargs):
        if self.pk is not None:
            # Every save moves the version on, so a form opened before it cannot overwrite it.
            self.version += 1
        if not self.slug:
            self.slug = self.unique_slug()
        self.sort_name = sort_key(self.name)
        self.buurt = Area.objects.buurt_at(self.location) if self.location else None
        super().save(*args, **kwargs)

    def unique_slug(self):
        base = slugify(self.name)[:200] or "plek"
        slug, n = base, 1
        while Place.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug

    def can_edit(self, user):
        """The one ownership rule: editors edit every place, members their own."""
        return Place.objects.editable_by(user).filter(pk=self.pk).exists()

    def can_see_private(self, user):
        """The contact person and contact moments: members, policy staff and editors, and
        the wijkteams whose wijken hold the place (not every wijkteam of the city)."""
        return roles.is_policy(user) or self.in_wijkteam_of(user) or self.can_edit(user)

    def in_wijkteam_of(self, user):
        """Whether one of this person's wijkteams works in the wijk of this place."""
        return self.wijkteams_of(user).exists()

    def wijkteams_of(self, user):
        """This person's wijkteams that work in the wijk of this place."""
        wijkteams = self._meta.apps.get_model("places", "Wijkteam").objects
        if not roles.is_wijkteam(user) or self.buurt_id is None:
            return wijkteams.none()  # anonymous visitors have no wijkteams at all
        return wijkteams.filter(members=user, wijken=self.buurt.parent_id)

    def nearby(self, limit=5):
        return Place.objects.published().exclude(pk=self.pk).nearest(self.location, limit)
