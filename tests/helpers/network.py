"""A small network with a history (issue 19), on the `city` fixture and make_town's Wijk V,
for the change page, the dashboard on a date and the policy journey.

Wijk W: Dicht (B1) opened 2014 and closed on 1 September 2017; Midden (B1) has no known opening
date; Hoek (B1) opened 2016 under sociaal beheer and was taken over by residents in May 2021;
Oost (B2) opened on 1 March 2019 in zelfbeheer and went to sociaal beheer in 2023.
Wijk V: Eenling (Buurt V1) opened on 1 June 2018; the concept place's opening counts nowhere.

On 1 January 2018 Wijk W had Midden and Hoek (2 places), Wijk V none; today W has 3, V 1.
At 100 m every circle lies inside its buurt: a 32-sided polygon of 31,214.45 m² (8 segments a
quarter, as both databases buffer). So, inhabitants farther than 100 m (share of the buurt
uncovered times its inhabitants):
  B1 (4,000): two circles, 2018 and today: 4000 * (1 - 0.06242890) = 3,750
  B2 (500): 2018 none: 500; today Oost: 500 * (1 - 0.03121445) = 484
  V1 (100): 2018 none: 100; today Eenling: 97; Verre Buurt 2,500 and Haven 10 always.
  Wijk W: 2018 4,250, today 4,234; Wijk V: 2018 2,610, today 2,607; Teststad 6,860 and 6,841.
"""

import datetime

from places.models import Place, PlaceEvent
from tests.helpers.factories import PlaceFactory
from tests.helpers.geo import at
from tests.helpers.results import make_town

K = PlaceEvent.Kind


def add(place, kind, day, precision="day", old="", new=""):
    PlaceEvent.objects.create(
        place=place,
        kind=kind,
        happened_on=datetime.date.fromisoformat(day),
        precision=precision,
        old_value=old,
        new_value=new,
    )


def make_history(city):
    town = make_town(city)
    dicht = PlaceFactory(name="Dicht", location=at(200, 800), management_form="zelfbeheer")
    add(dicht, K.OPENED, "2014-01-01", "year")
    add(dicht, K.CLOSED, "2017-09-01")
    add(town["corner"], K.OPENED, "2016-01-01", "year")
    add(town["corner"], K.MANAGEMENT_FORM, "2021-05-01", "month", "sociaal_beheer", "zelfbeheer")
    add(town["east"], K.OPENED, "2019-03-01")
    add(town["east"], K.MANAGEMENT_FORM, "2023-01-01", "year", "zelfbeheer", "sociaal_beheer")
    add(town["alone"], K.OPENED, "2018-06-01")
    add(Place.objects.get(name="Concept"), K.OPENED, "2018-02-01")
    return {**town, "closed": Place.objects.get(pk=dicht.pk)}
