"""Who belongs to a place, who asks to, and the wijkteams that visit places."""

import hashlib

from django.conf import settings
from django.contrib.gis.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from places.models.areas import Area
from places.models.places import Place
from places.text import validate_one_line


class Membership(models.Model):
    """A person who keeps a place's listing current (an initiatiefnemer)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="memberships"
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["place", "created_at"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "place"], name="one_membership_per_place")
        ]

    def __str__(self):
        return f"{self.user} – {self.place}"


class ClaimRequest(models.Model):
    """A logged-in person asks to become a member of a place; an editor decides."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE
    )
    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="claims"
    )
    message = models.TextField(_("how are you involved in this place?"), max_length=1000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("asked on"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("claim request")
        verbose_name_plural = _("claim requests")

    def __str__(self):
        return f"{self.user} → {self.place}"


class Wijkteam(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    wijken = models.ManyToManyField(
        Area, verbose_name=_("districts"), limit_choices_to={"kind": Area.Kind.WIJK}
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), related_name="wijkteams", blank=True
    )
    contact = models.CharField(
        _("contact line"),
        max_length=200,
        blank=True,
        validators=[validate_one_line],
        help_text=_(
            "How clients reach the team, printed on handouts: for example "
            "“020 123 45 67 · wijkteam.west@example.nl · ma–vr 9–17 uur”."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("wijkteam")
        verbose_name_plural = _("wijkteams")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("places:wijkteam", kwargs={"pk": self.pk})

    def places(self):
        return Place.objects.published().filter(buurt__parent__in=self.wijken.all())


class ContactMoment(models.Model):
    """A wijkteam member's visit or call to a place. Never about clients."""

    class Kind(models.TextChoices):
        VISIT = "bezoek", _("visit")
        PHONE = "telefoon", _("phone call")
        MEETING = "overleg", _("meeting")

    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="contact_moments"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="contact_moments",
    )
    wijkteam = models.ForeignKey(
        Wijkteam, verbose_name=_("wijkteam"), null=True, blank=True, on_delete=models.SET_NULL
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.VISIT)
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("About the place only: never write down anything about clients."),
    )
    created_at = models.DateTimeField(_("logged on"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("contact moment")
        verbose_name_plural = _("contact moments")

    def __str__(self):
        return f"{self.place} {self.date}"


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Invitation.Status.PENDING)

    def for_key(self, key):
        """The invitation a link's key belongs to (only its hash is stored)."""
        return self.filter(key_hash=Invitation.hash_of(key))


class Invitation(models.Model):
    """An editor's invitation to become a member of a place, by a link that works once.

    Only a hash of the link's key is stored, so the table cannot be used to log in. Accepting
    uses it up; a newer invitation to the same address, an ended membership or an erased
    account ends it too.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        ACCEPTED = "accepted", _("accepted")
        REPLACED = "replaced", _("replaced by a newer invitation")
        REVOKED = "revoked", _("withdrawn")

    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    key_hash = models.CharField(_("key (hashed)"), max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent on"), auto_now_add=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    used_at = models.DateTimeField(_("used on"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} → {self.place}"

    @staticmethod
    def hash_of(key):
        return hashlib.sha256(key.encode()).hexdigest()

    def is_expired(self):
        age = timezone.now() - self.created_at
        return age.total_seconds() > settings.INVITATION_DAYS * 24 * 3600
