from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.validators import slug_re
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import ListView, TemplateView, View

from places.accounts import audit
from places.models import Place
from places.permissions import EditorRequiredMixin, PolicyRequiredMixin, editable_place
from places.views.nearby import map_features
from surveys import answering, charts, results
from surveys.export import responses_csv
from surveys.filters import places_in_scope
from surveys.forms import AnswerForm
from surveys.models import THEMES, TOPIC_NAMES, Response, SurveyRound


class NotLoggedIn(Exception):
    pass


@method_decorator(never_cache, name="dispatch")
class AnswerView(TemplateView):
    """A place answers a round: its members when logged in, or anyone with its link."""

    template_name = "surveys/answer.html"

    def dispatch(self, request, slug, place_slug=None, token=None):
        self.survey = get_object_or_404(SurveyRound, slug=slug)
        try:
            self.place = self.find_place(place_slug, token)
        except NotLoggedIn:
            return redirect_to_login(request.get_full_path())
        self.response = answering.response_for(self.survey, self.place)
        return super().dispatch(request)

    def find_place(self, place_slug, token):
        if token is not None:
            found = answering.read_answer_token(token)
            if not found or found[0] != self.survey.pk:
                raise Http404
            return get_object_or_404(Place, pk=found[1])
        if not self.request.user.is_authenticated:
            raise NotLoggedIn
        return editable_place(self.request.user, place_slug)

    def get(self, request):
        form = AnswerForm(questions=self.survey.questions(), answers=self.response.answer_map())
        return self.render_to_response(self.context(form))

    def post(self, request):
        if not self.survey.is_open:
            messages.error(request, _("This round is closed: answers can no longer change."))
            return redirect(request.path)
        # Once submitted, every save is a resubmission (the old version is kept).
        submit = "submit" in request.POST or self.response.status == Response.Status.SUBMITTED
        form = AnswerForm(request.POST, questions=self.survey.questions(), final=submit)
        if not form.is_valid():
            return self.render_to_response(self.context(form), status=400)
        answering.save_answers(self.response, form.answers(), submit, request.user)
        if submit:
            messages.success(request, _("Thank you! Your answers are sent."))
        else:
            messages.success(request, _("Saved as a draft. You can come back later."))
        return redirect(request.path)

    def context(self, form):
        return {
            "survey": self.survey,
            "place": self.place,
            "form": form,
            "response": answering.response_for(self.survey, self.place),
        }


class MyRoundsView(ListView):
    """The open rounds for the places this person is a member of."""

    template_name = "surveys/my_rounds.html"
    context_object_name = "rounds"

    def get_queryset(self):
        return SurveyRound.objects.filter(status=SurveyRound.Status.OPEN)

    def get_context_data(self, **kwargs):
        user = self.request.user
        places = Place.objects.filter(memberships__user=user) if user.is_authenticated else []
        return super().get_context_data(places=places, **kwargs)


class ResultsMixin(PolicyRequiredMixin):
    """Results are for policy staff and editors."""

    def get_survey(self):
        return get_object_or_404(SurveyRound, slug=self.kwargs["slug"])


@method_decorator(never_cache, name="dispatch")
class ResultsView(ResultsMixin, TemplateView):
    template_name = "surveys/results.html"

    def get_context_data(self, **kwargs):
        survey = self.get_survey()
        places, result_filter = places_in_scope(self.request.GET)
        themes = results.theme_results(survey, places)
        answered = set(results.submitted(survey, places).values_list("place__slug", flat=True))
        features = map_features(places.for_listing())
        for feature in features["features"]:
            feature["properties"]["answered"] = feature["properties"]["slug"] in answered
        other = SurveyRound.objects.exclude(pk=survey.pk)
        slug = self.request.GET.get("vergelijk", "")
        # Only a slug may reach the query (PostgreSQL refuses a NUL character with an error).
        compare_with = other.filter(slug=slug).first() if slug_re.match(slug) else None
        return super().get_context_data(
            survey=survey,
            filter=result_filter,
            rate=results.response_rate(survey, places),
            themes=[(theme, chart_of(theme)) for theme in themes],
            min_group=results.MIN_GROUP,
            features=features,
            answered_slugs=answered,
            places=places.for_listing(),
            has_demo=survey.responses.filter(is_demo=True).exists(),
            other_rounds=other,
            comparison=results.comparison(compare_with, survey, places) if compare_with else None,
            compare_with=compare_with,
            query=self.request.GET.urlencode(),
            **kwargs,
        )


def chart_of(theme):
    if not theme.shown:
        return None
    # charts.distribution_svg escapes every text it writes.
    return mark_safe(charts.distribution_svg(theme, f"chart-{theme.code}"))  # noqa: S308


@method_decorator(never_cache, name="dispatch")
class OpenAnswersView(ResultsMixin, TemplateView):
    template_name = "surveys/open_answers.html"

    def get_context_data(self, **kwargs):
        survey = self.get_survey()
        places, result_filter = places_in_scope(self.request.GET)
        topic = self.request.GET.get("thema", "")
        topic = topic if topic in TOPIC_NAMES else ""
        search = self.request.GET.get("zoek", "")[:100]
        return super().get_context_data(
            survey=survey,
            filter=result_filter,
            answers=results.open_answers(survey, places, topic=topic, search=search),
            min_group=results.MIN_GROUP,
            topics=[(code, TOPIC_NAMES[code]) for code in TOPIC_NAMES],
            topic=topic,
            search=search,
            **kwargs,
        )


class ExportView(ResultsMixin, View):
    def get(self, request, slug):
        survey = self.get_survey()
        places, _filter = places_in_scope(request.GET)
        response = HttpResponse(
            responses_csv(survey, places), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{survey.slug}.csv"'
        audit.record("export", survey, request=request, format="survey-csv")
        response["Cache-Control"] = "no-store"
        return response


class ChartView(ResultsMixin, View):
    """One theme's chart as an SVG file, for reports."""

    def get(self, request, slug, topic):
        survey = self.get_survey()
        if topic not in dict(THEMES):
            raise Http404
        places, _filter = places_in_scope(request.GET)
        result = next(t for t in results.theme_results(survey, places) if t.code == topic)
        if not result.shown:
            raise Http404(_("Fewer than five answers: not shown."))
        svg = charts.distribution_svg(result, f"chart-{topic}")
        audit.record("export", survey, request=request, format="survey-chart", topic=topic)
        response = HttpResponse(svg, content_type="image/svg+xml")
        response["Content-Disposition"] = f'attachment; filename="{survey.slug}-{topic}.svg"'
        return response


class SendInvitationsView(EditorRequiredMixin, View):
    """Editors send every place in scope its own answer link, to its members."""

    def post(self, request, slug):
        survey = get_object_or_404(SurveyRound, slug=slug, status=SurveyRound.Status.OPEN)
        places, _filter = places_in_scope(request.GET)
        sent, failed = answering.send_invitations(request, survey, places)
        messages.success(
            request, _("Invitations sent to %(count)d places with members.") % {"count": sent}
        )
        if failed:
            messages.warning(
                request,
                _("Not sent to %(count)d places (the mail server refused): %(places)s.")
                % {"count": len(failed), "places": ", ".join(failed)},
            )
        return redirect("surveys:results", slug=slug)
