from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from places.admin import BoundedSearchMixin
from surveys.models import Question, Response, Section, SurveyRound


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0
    fields = ["title", "order"]
    show_change_link = True


@admin.register(SurveyRound)
class SurveyRoundAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "starts_on", "ends_on"]
    list_filter = ["status"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SectionInline]


class QuestionInline(admin.StackedInline):
    """Questions in order; once the round has answers their meaning is locked."""

    model = Question
    extra = 0
    fields = [
        "order",
        "text",
        "help_text",
        "kind",
        "required",
        "topic",
        "choices",
        "scale_low",
        "scale_high",
    ]

    def locked(self, obj):
        return obj is not None and obj.round.has_answers()

    def get_readonly_fields(self, request, obj=None):
        if self.locked(obj):
            return [f for f in Question.LOCKED_FIELDS if f != "section_id"]
        return []

    def has_delete_permission(self, request, obj=None):
        return not self.locked(obj) and super().has_delete_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return not self.locked(obj) and super().has_add_permission(request, obj)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["title", "round", "order"]
    list_filter = ["round"]
    list_editable = ["order"]
    inlines = [QuestionInline]


@admin.register(Response)
class ResponseAdmin(BoundedSearchMixin, admin.ModelAdmin):
    list_display = ["place", "round", "status", "submitted_at", "is_demo"]
    list_filter = ["round", "status", "is_demo"]
    search_fields = ["place__name"]
    raw_id_fields = ["place", "submitted_by"]
    readonly_fields = ["updated_at"]
    verbose_name = _("response")
