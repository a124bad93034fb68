


#: The Met's major categories of **victim-based** crime (the ONS grouping: violence, sexual
#: offences, robbery, theft, burglary, vehicle offences, criminal damage and arson). Left out:
#: the "crimes against society" (drug offences and possession of weapons, which a search
#: itself records where it finds something; public order and miscellaneous offences), and
#: fraud, which is not recorded where it happens.
VICTIM_BASED = ("VIOLENCE AGAINST THE PERSON", "SEXUAL OFFENCES", "ROBBERY", "THEFT",
                "BURGLARY", "VEHICLE OFFENCES", "ARSON AND CRIMINAL DAMAGE")
#: The categories that stop-and-search generates at the search location.
SEARCH_GENERATED = ("DRUG OFFENCES", "POSSESSION OF WEAPONS")
