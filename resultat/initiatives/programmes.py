"""The funding sources and programmes every installation starts with (seeded by a data
migration; `seed_programmes()` is idempotent)."""

SOURCES = [
    # code, name, kind
    ("anslag-1-1", "Anslag 1:1 Regionala tillväxtåtgärder", "national"),
    ("eu-strukturfonder", "EU:s strukturfonder", "eu"),
    ("eu-interreg", "Interreg (europeiskt territoriellt samarbete)", "eu"),
    ("statliga-myndigheter", "Nationella myndigheter", "national"),
    ("kommunala", "Kommunala medel", "municipal"),
    ("privata", "Privata medel", "private"),
    ("ovrigt", "Övrig finansiering", "other"),
]

PROGRAMMES = [
    # code, name, source, support type
    ("1-1-foretagsstod", "1:1-anslaget – företagsstöd", "anslag-1-1", "business"),
    ("1-1-projektmedel", "1:1-anslaget – projektmedel", "anslag-1-1", "project"),
    ("1-1-kommersiell-service", "1:1-anslaget – stöd till kommersiell service", "anslag-1-1", "commercial_service"),
    ("eruf-ovre-norrland", "ERUF Övre Norrland", "eu-strukturfonder", "project"),
    ("esf-plus", "ESF+", "eu-strukturfonder", "project"),
    ("interreg-aurora", "Interreg Aurora", "eu-interreg", "project"),
    ("interreg-npa", "Interreg NPA (Northern Periphery and Arctic)", "eu-interreg", "project"),
    ("ostersjoprogrammet", "Östersjöprogrammet (Interreg Baltic Sea Region)", "eu-interreg", "project"),
    ("nationella-myndigheter", "Nationella myndigheter", "statliga-myndigheter", "other"),
    ("kommunal", "Kommunal finansiering", "kommunala", "other"),
    ("privat", "Privat finansiering", "privata", "other"),
    ("ovrigt", "Övrigt", "ovrigt", "other"),
]


def seed_programmes(FundingSource, FundingProgramme) -> None:
    sources = {}
    for order, (code, name, kind) in enumerate(SOURCES):
        sources[code], _ = FundingSource.objects.update_or_create(code=code, defaults={"name": name, "kind": kind, "order": order})
    for order, (code, name, source, support) in enumerate(PROGRAMMES):
        FundingProgramme.objects.update_or_create(code=code, defaults={"name": name, "source": sources[source], "support_type": support, "order": order})
