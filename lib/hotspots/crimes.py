"""The crime-type vocabulary: one registry linking the Met's categories and police.uk's.

The Met's counts have major and minor categories (upper case, e.g. "THEFT FROM THE PERSON");
data.police.uk records have their own published categories (e.g. "Theft from the person").
Each :class:`CrimeType` says how to select one crime in both. The pairs are not always
identical (police.uk's "Robbery" includes robbery of business property and its "Violence and
sexual offences" every violent and sexual offence), which ``police_uk_note`` says.

Named selections for the notebooks are built from :data:`CRIME_TYPES`: the phone-theft proxies
(:data:`PHONE_THEFT_PROXIES`) and the patrol outcomes (:data:`PATROL_OUTCOMES`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

ALL_BUT_ASB = "every crime type except anti-social behaviour"
ANTI_SOCIAL = "Anti-social behaviour"


@dataclass(frozen=True)
class CrimeType:
    """One crime type: how to select it in the Met's counts and in police.uk records.

    ``met_minors`` (added up) or ``met_major`` select Met rows (neither: every row);
    ``police_uk`` is the police.uk category (``None``: every category but anti-social
    behaviour, or ASB itself for :data:`ANTI_SOCIAL`).
    """

    label: str
    met_minors: tuple[str, ...] = ()
    met_major: str | None = None
    police_uk: str | None = None
    police_uk_note: str = ""

    @property
    def met_minor(self) -> str | None:
        """The single Met minor category, when the type is exactly one."""
        return self.met_minors[0] if len(self.met_minors) == 1 else None

    def select_met(self, table: pd.DataFrame) -> pd.DataFrame:
        """The rows of a tidy Met table (``major``/``minor`` columns) that are this crime."""
        if self.met_minors:
            return table[table["minor"].isin(list(self.met_minors))]
        if self.met_major is not None:
            return table[table["major"] == self.met_major]
        return table

    def select_police_uk(self, records: pd.DataFrame, column: str = "crime_type") -> pd.DataFrame:
        """The police.uk rows (``crime_type`` column) that are this crime."""
        if self.police_uk is None:
            return records[records[column] != ANTI_SOCIAL]
        return records[records[column] == self.police_uk]


CRIME_TYPES: dict[str, CrimeType] = {
    c.label: c
    for c in (
        CrimeType("theft from the person", met_minors=("THEFT FROM THE PERSON",),
                  police_uk="Theft from the person"),
        CrimeType("robbery of personal property", met_minors=("ROBBERY OF PERSONAL PROPERTY",),
                  police_uk="Robbery", police_uk_note="police.uk: all robbery"),
        CrimeType("theft from the person + robbery",
                  met_minors=("THEFT FROM THE PERSON", "ROBBERY OF PERSONAL PROPERTY")),
        CrimeType("violence with injury", met_minors=("VIOLENCE WITH INJURY",),
                  police_uk="Violence and sexual offences",
                  police_uk_note="police.uk: all violence and sexual offences"),
        CrimeType("shoplifting", met_minors=("SHOPLIFTING",), police_uk="Shoplifting"),
        CrimeType("burglary", met_major="BURGLARY", police_uk="Burglary"),
        CrimeType("anti-social behaviour", police_uk=ANTI_SOCIAL,
                  police_uk_note="not in the Met's recorded-crime counts"),
        CrimeType("all crime", police_uk_note=f"police.uk: {ALL_BUT_ASB}"),
    )
}

#: Open data carry no "phone" flag: phone theft is approximated by these Met categories.
PHONE_THEFT_PROXIES = ("theft from the person", "robbery of personal property",
                       "theft from the person + robbery")

#: The outcomes of the town-centre patrol evaluation (label shown → crime type).
PATROL_OUTCOMES: dict[str, CrimeType] = {
    "shoplifting": CRIME_TYPES["shoplifting"],
    "theft from the person": CRIME_TYPES["theft from the person"],
    "personal robbery": CRIME_TYPES["robbery of personal property"],
    "violence with injury": CRIME_TYPES["violence with injury"],
}


def met_minors(labels: tuple[str, ...] = PHONE_THEFT_PROXIES) -> dict[str, tuple[str, ...]]:
    """Label → the Met minor categories it adds up, for crime types defined by minors."""
    return {label: CRIME_TYPES[label].met_minors for label in labels}


#: The crime types every hot-spot notebook studies (anti-social behaviour comes separately,
#: from police.uk: it is not in the Met's recorded-crime counts).
HOT_SPOT_TYPES = ("theft from the person", "robbery of personal property",
                  "violence with injury", "shoplifting", "burglary", "all crime")


def selection(labels: tuple[str, ...] = HOT_SPOT_TYPES) -> dict[str, CrimeType]:
    """The crime types named by ``labels``, in that order."""
    return {label: CRIME_TYPES[label] for label in labels}


#: The Met's major categories of **victim-based** crime (the ONS grouping: violence, sexual
#: offences, robbery, theft, burglary, vehicle offences, criminal damage and arson). Left out:
#: the "crimes against society" (drug offences and possession of weapons, which a search
#: itself records where it finds something; public order and miscellaneous offences), and
#: fraud, which is not recorded where it happens.
VICTIM_BASED = ("VIOLENCE AGAINST THE PERSON", "SEXUAL OFFENCES", "ROBBERY", "THEFT",
                "BURGLARY", "VEHICLE OFFENCES", "ARSON AND CRIMINAL DAMAGE")
#: The categories that stop-and-search generates at the search location.
SEARCH_GENERATED = ("DRUG OFFENCES", "POSSESSION OF WEAPONS")
