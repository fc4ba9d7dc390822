"""The editors' duplicates: a list of likely pairs, a search over all places, the two places
side by side to choose values, a confirmation step, the merge, and its undo (issue 15)."""

from django import forms
from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from places import merging
from places.accounts import audit
from places.filters import check_search_text
from places.models import Merge, Place
from places.views.moderation import EditorMixin

SEARCH_RESULTS = 30


class DuplicatesView(EditorMixin, TemplateView):
    """Likely duplicate pairs: the same address, a very similar name, or a few metres apart."""

    template_name = "places/moderation/duplicates.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(pairs=merging.pairs(), **kwargs)


class MergeView(EditorMixin, TemplateView):
    """Merge this place into another: its likely duplicates first, then any place found by
    name or address."""

    template_name = "places/moderation/merge.html"

    def get_context_data(self, **kwargs):
        duplicate = get_object_or_404(Place, slug=self.kwargs["slug"], merged_into=None)
        query = (self.request.GET.get("zoek") or "").strip()
        check_search_text(query)
        likely = merging.likely_for(duplicate)
        found = []
        if query:
            words = Q()
            for word in query.split():
                words &= (
                    Q(name__icontains=word)
                    | Q(street__icontains=word)
                    | Q(postcode__icontains=word.replace(" ", "").upper())
                    | Q(city__icontains=word)
                )
            found = list(
                Place.objects.filter(words, merged_into=None)
                .exclude(pk=duplicate.pk)
                .order_by("sort_name")[:SEARCH_RESULTS]
            )
        return super().get_context_data(
            duplicate=duplicate, likely=likely, found=found, query=query, **kwargs
        )


class ChoiceForm(forms.Form):
    """Per differing field: keep the value of the place kept, or take the duplicate's."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for name, label, mine, theirs in rows:
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=[("target", theirs), ("duplicate", mine)],
                initial="target",
                widget=forms.RadioSelect,
            )

    def taken(self):
        return [name for name, choice in self.cleaned_data.items() if choice == "duplicate"]


class CompareView(EditorMixin, TemplateView):
    """The two places side by side; then a confirmation; then the merge."""

    template_name = "places/moderation/compare.html"

    def places(self):
        duplicate = get_object_or_404(Place, slug=self.kwargs["slug"], merged_into=None)
        target = get_object_or_404(
            Place.objects.exclude(pk=duplicate.pk), slug=self.kwargs["other"], merged_into=None
        )
        return duplicate, target

    def get(self, request, slug, other):
        duplicate, target = self.places()
        rows = merging.differences(duplicate, target)
        form = ChoiceForm(rows=rows)
        return self.render_to_response(self.context(duplicate, target, form))

    def post(self, request, slug, other):
        duplicate, target = self.places()
        form = ChoiceForm(request.POST, rows=merging.differences(duplicate, target))
        if not form.is_valid():
            return self.render_to_response(self.context(duplicate, target, form), status=400)
        if request.POST.get("bevestigd") != "1":
            context = self.context(duplicate, target, form, confirm=True)
            return self.render_to_response(context)
        record = merging.merge(duplicate, target, form.taken(), request.user)
        audit.record("place.merge", duplicate, into=target.pk, merge=record.pk)
        messages.success(
            request,
            _("%(duplicate)s is merged into %(target)s. Its old address leads here.")
            % {"duplicate": duplicate.name, "target": target.name},
        )
        return redirect(target)

    def context(self, duplicate, target, form, confirm=False):
        taken = form.taken() if confirm else []
        return {
            "duplicate": duplicate,
            "target": target,
            "form": form,
            "confirm": confirm,
            "taken": [row for row in form.rows if row[0] in taken],
        }


class UnmergeView(EditorMixin, View):
    def post(self, request, pk):
        record = get_object_or_404(Merge, pk=pk, undone_at=None)
        duplicate = merging.unmerge(record)
        audit.record("place.unmerge", duplicate, target=record.target_id, merge=record.pk)
        messages.success(
            request,
            _("The merge is undone: %(duplicate)s and %(target)s are two places again.")
            % {"duplicate": duplicate.name, "target": record.target.name},
        )
        return redirect(duplicate)
