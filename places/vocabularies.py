"""The place types, services and target groups a new register starts with.

They are data, not code: admins can add to them. Names are the Dutch terms of the field.
Used by a data migration (with the historical models) and by the tests.
"""

PLACE_TYPES = [
    # slug, name, colour (Okabe-Ito based, distinguishable for colour-blind users)
    ("huis-van-de-wijk", "Huis van de Wijk", "#0072B2"),
    ("huiskamer", "Huiskamer van de wijk/buurt", "#D55E00"),
    ("buurtkamer", "Buurtkamer", "#E69F00"),
    ("buurthuis", "Buurthuis", "#009E73"),
    ("wijkcentrum", "Wijkcentrum", "#56B4E9"),
    ("buurtboerderij", "Buurtboerderij", "#8C6D31"),
    ("jongerencentrum", "Jongerencentrum", "#CC79A7"),
    ("speeltuingebouw", "Speeltuingebouw", "#7A5195"),
    ("kinderboerderij", "Kinderboerderij", "#4D7F17"),
    ("bibliotheek", "Bibliotheek", "#333333"),
    ("overig", "Overig", "#6B6B6B"),
]

SERVICES = [
    ("ontmoeting", "Ontmoeting en inloop"),
    ("maaltijden", "Maaltijden"),
    ("mantelzorgondersteuning", "Mantelzorgondersteuning"),
    ("vrijwilligersondersteuning", "Vrijwilligersondersteuning"),
    ("wijkteam-spreekuur", "Maatschappelijk werk / wijkteam-spreekuur"),
    ("dagbesteding", "Dagbesteding"),
    ("informatie-advies", "Informatie en advies"),
    ("activiteiten", "Activiteiten en cursussen"),
]

TARGET_GROUPS = [
    ("iedereen", "Iedereen"),
    ("ouderen", "Ouderen"),
    ("jongeren", "Jongeren"),
    ("kinderen", "Kinderen en ouders"),
    ("psychosociaal", "Mensen met psychosociale problematiek"),
    ("mantelzorgers", "Mantelzorgers"),
    ("nieuwkomers", "Nieuwkomers"),
    ("beperking", "Mensen met een beperking"),
]


def seed(apps, schema_editor=None):
    PlaceType = apps.get_model("places", "PlaceType")
    for order, (slug, name, color) in enumerate(PLACE_TYPES):
        PlaceType.objects.update_or_create(
            slug=slug, defaults={"name": name, "color": color, "order": order * 10}
        )
    for model, rows in (("Service", SERVICES), ("TargetGroup", TARGET_GROUPS)):
        for slug, name in rows:
            apps.get_model("places", model).objects.update_or_create(
                slug=slug, defaults={"name": name}
            )
