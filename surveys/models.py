"""Survey rounds ("rondvraag"): questionnaires sent to every place at once, and answers."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from places.models import Place

THEMES = [
    ("coproductie", "Coproductie"),
    ("doen-wat-werkt", "Doen wat werkt"),
    ("experimenteerruimte", "Experimenteerruimte"),
    ("identiteit", "Identiteit"),
    ("inrichting", "Inrichting"),
    ("laagdrempeligheid", "Laagdrempeligheid"),
    ("locatie", "Locatie"),
    ("samenwerking", "Samenwerking"),
    ("sfeer", "Sfeer"),
    ("toewijding", "Toewijding"),
]
DILEMMAS = [
    ("continuiteit", "Continuïteit"),
    ("diversiteit", "Diversiteit"),
    ("gastheerschap", "Gastheerschap"),
    ("participatiesamenleving", "Participatiesamenleving"),
    ("pedagogisch-aspect", "Pedagogisch aspect"),
    ("verschil", "Verschil moet er wezen"),
]
TOPIC_NAMES = dict(THEMES + DILEMMAS)


class SurveyRound(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("being prepared")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    introduction = models.TextField(_("introduction"), blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="draft")
    answers_named = models.BooleanField(
        _("open answers are not anonymous"),
        default=False,
        help_text=_(
            "Only when the places were told so: their names are then shown with their open "
            "answers. Otherwise answers are shown without the place's name."
        ),
    )

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("surveys:results", kwargs={"slug": self.slug})

    @property
    def is_open(self):
        return self.status == self.Status.OPEN

    def has_answers(self):
        return self.responses.exclude(status=Response.Status.DRAFT).exists()

    def questions(self):
        return Question.objects.filter(section__round=self).order_by("section__order", "order")


class Section(models.Model):
    round = models.ForeignKey(
        SurveyRound,
        verbose_name=_("survey round"),
        on_delete=models.CASCADE,
        related_name="sections",
    )
    title = models.CharField(_("title"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["round", "order"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", _("scale 1–5")
        SINGLE = "single", _("one choice")
        MULTIPLE = "multiple", _("several choices")
        NUMBER = "number", _("number")
        YESNO = "yesno", _("yes or no")
        TEXT = "text", _("open text")

    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="questions"
    )
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("explanation"), max_length=500, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    topic = models.CharField(
        _("theme or dilemma"),
        max_length=30,
        blank=True,
        choices=[(_("Themes"), THEMES), (_("Dilemmas"), DILEMMAS)],
    )
    choices = models.TextField(_("choices (one per line)"), blank=True)
    scale_low = models.CharField(_("label of 1"), max_length=60, blank=True)
    scale_high = models.CharField(_("label of 5"), max_length=60, blank=True)

    # What may not change once a round has answers: it would change what they mean.
    LOCKED_FIELDS = ("kind", "choices", "section_id", "text", "scale_low", "scale_high")

    class Meta:
        ordering = ["section__order", "order"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text

    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def clean(self):
        if self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE) and len(self.choice_list()) < 2:
            raise ValidationError({"choices": _("Give at least two choices, one per line.")})
        if self.pk and self.section.round.has_answers():
            saved = Question.objects.get(pk=self.pk)
            changed = [f for f in self.LOCKED_FIELDS if getattr(saved, f) != getattr(self, f)]
            if changed:
                raise ValidationError(
                    _(
                        "This round already has answers: the wording, kind and choices of its "
                        "questions can no longer change. Make a new round instead."
                    )
                )

    def delete(self, *args, **kwargs):
        if self.section.round.has_answers():
            raise ValidationError(_("This round already has answers: its questions stay."))
        return super().delete(*args, **kwargs)


class Response(models.Model):
    """The answers of one place in one round: a draft until submitted."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")

    round = models.ForeignKey(
        SurveyRound,
        verbose_name=_("survey round"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="survey_responses"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="draft")
    submitted_at = models.DateTimeField(_("submitted on"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Generated for the demonstration.")
    )

    class Meta:
        ordering = ["round", "place__name"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(fields=["round", "place"], name="one_response_per_place")
        ]

    def __str__(self):
        return f"{self.place} – {self.round}"

    def answer_map(self):
        if self.pk is None:  # not stored until something is saved (surveys.answering)
            return {}
        return {answer.question_id: answer.value for answer in self.answers.all()}


class Answer(models.Model):
    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="answers"
    )
    value = models.JSONField(_("answer"), null=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")
        ]

    def __str__(self):
        return f"{self.response}: {self.question}"


class PreviousSubmission(models.Model):
    """A submitted version that a resubmission replaced: nothing is lost."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="previous_submissions"
    )
    submitted_at = models.DateTimeField(_("submitted on"), null=True)
    answers = models.JSONField(_("answers"))
    replaced_at = models.DateTimeField(_("replaced on"), auto_now_add=True)

    class Meta:
        ordering = ["-replaced_at"]
        verbose_name = _("previous submission")
        verbose_name_plural = _("previous submissions")

    def __str__(self):
        return f"{self.response} ({self.submitted_at:%Y-%m-%d})"
