"""The answer form of a survey round, built from its questions."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from places.fields import FiniteDecimalField
from surveys.models import Question

YES_NO = [("true", _("Yes")), ("false", _("No"))]


def field_for(question, final):
    """A form field for a question; a draft may leave anything empty."""
    common = {"label": question.text, "help_text": question.help_text, "required": False}
    if final and question.required:
        common["required"] = True
    kind = question.kind
    if kind == Question.Kind.SCALE:
        labels = {1: question.scale_low, 5: question.scale_high}
        choices = [(n, f"{n} ({labels[n]})" if labels.get(n) else str(n)) for n in range(1, 6)]
        return forms.TypedChoiceField(
            choices=choices, coerce=int, widget=forms.RadioSelect, empty_value=None, **common
        )
    if kind == Question.Kind.SINGLE:
        options = [(c, c) for c in question.choice_list()]
        return forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)
    if kind == Question.Kind.MULTIPLE:
        options = [(c, c) for c in question.choice_list()]
        return forms.MultipleChoiceField(
            choices=options, widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == Question.Kind.NUMBER:
        return FiniteDecimalField(min_value=0, max_digits=12, decimal_places=2, **common)
    if kind == Question.Kind.YESNO:
        return forms.TypedChoiceField(
            choices=YES_NO,
            coerce=lambda v: v == "true",
            widget=forms.RadioSelect,
            empty_value=None,
            **common,
        )
    return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, **common)


def as_json(value):
    """An answer as stored: JSON-friendly, and None for 'not answered'."""
    if value in ("", [], None):
        return None
    if isinstance(value, Decimal):
        return float(value)
    return value


def as_initial(question, value):
    if value is None:
        return None
    if question.kind == Question.Kind.YESNO:
        return "true" if value else "false"
    return value


class AnswerForm(forms.Form):
    def __init__(self, *args, questions, answers=None, final=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        answers = answers or {}
        for question in self.questions:
            name = f"q{question.pk}"
            self.fields[name] = field_for(question, final)
            self.fields[name].initial = as_initial(question, answers.get(question.pk))

    def sections(self):
        """(section, [bound fields]) in order, for the template."""
        grouped = {}
        for question in self.questions:
            grouped.setdefault(question.section, []).append(self[f"q{question.pk}"])
        return list(grouped.items())

    def answers(self):
        return {q.pk: as_json(self.cleaned_data.get(f"q{q.pk}")) for q in self.questions}
