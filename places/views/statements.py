"""The accessibility statement and the privacy statement.

Their text is Dutch legal text in the templates, after the model statement of
digitoegankelijk.nl and the usual municipal privacy statement. What only the
municipality can fill in (contacts) comes from its settings (Municipality); left empty,
the page shows a marked placeholder.
"""

import datetime

from django.views.generic import TemplateView

from places.models import Municipality

# When the statements were last written: change it with their text.
STATEMENT_DATE = datetime.date(2026, 11, 22)


class StatementView(TemplateView):
    def get_context_data(self, **kwargs):
        municipality = Municipality.current()
        return super().get_context_data(
            statement_date=STATEMENT_DATE,
            accessibility_contact=municipality.accessibility_contact,
            privacy_contact=municipality.privacy_contact,
            **kwargs,
        )


class AccessibilityStatementView(StatementView):
    template_name = "places/accessibility_statement.html"


class PrivacyStatementView(StatementView):
    template_name = "places/privacy_statement.html"
