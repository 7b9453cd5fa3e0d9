"""Where the area blocks of the 2025 report start: the structure map's §2 tables.

shared/reference/resultat-2025-structure.md, §2 "Strategic areas per chapter": for each
area the line of its heading under the eight sub-headings (None: no text there; the same
line for two areas: a joint heading). Samordning's Omvärldsanalys text has no heading; it
starts at 10929 (structure-2025.yaml, source_lines).
"""

QUESTIONS = (
    "omvarldsanalys", "bidrag", "samverkan", "sammanhallen-region",
    "jamlik-inkludering", "foregangare-omstallning", "agenda-2030", "insatser",
)

AREA_HEADINGS = {
    "p-1": {
        "a-digitalisering": (181, 509, 1112, 1493, 1694, 1888, 2020, 2312),
        "a-innovationsledning": (331, 702, 1247, 1583, 1804, 1938, 2119, 2445),
        "a-smart-specialisering": (452, 880, 1367, 1649, 1850, 1986, 2217, 2526),
    },
    "p-2": {
        "a-foretagsstod": (2579, 2850, 3248, 3493, 3625, 3758, 3869, 4033),
        "a-kommersiell-service": (2590, 2884, 3292, 3493, 3650, None, 3869, 4033),
        "a-naringsliv": (2608, 2948, 3337, 3519, 3676, 3789, 3905, 4112),
        "a-besoksnaring-turism": (2816, 3188, 3439, 3572, 3723, 3833, 3997, 4170),
    },
    "p-3": {
        "a-kollektivtrafik": (4244, 4471, 4873, 5056, 5146, 5235, 5345, 5522),
        "a-transportinfrastruktur": (4313, 4631, 4962, 5097, 5172, 5274, 5406, 5590),
        "a-digital-infrastruktur": (4406, 4759, 5019, 5135, 5194, 5329, 5467, None),
    },
    "p-4": {
        "a-energi": (5665, 5957, 6817, 7143, 7262, 7389, 7521, 7751),
        "a-samhallsbyggnad": (5766, 6148, 6907, 7196, 7300, 7440, 7593, 7814),
        "a-regional-kultur": (5842, 6428, 7058, 7234, 7332, 7482, 7667, 7906),
    },
    "p-5": {
        "a-folkhalsa": (7965, 8093, 8840, 9100, 9217, 9339, 9434, 9551),
        "a-fou-socialtjanst": (8007, 8273, 8928, 9152, 9257, 9370, 9464, 9611),
        "a-halso-sjukvard": (8059, 8390, 8989, 9180, 9272, 9397, 9514, 9644),
    },
    "p-6": {
        "a-kompetensforsorjning": (9791, 9877, 10200, 10384, 10470, 10555, 10631, 10691),
        "a-utbildning": (9849, 10043, 10304, 10424, 10495, 10585, 10631, 10718),
    },
    "ru": {
        "a-externa-relationer": (10776, 10957, 11746, 11958, 12107, 12246, 12394, 12504),
        "a-projektfinansiering": (10848, 11382, 11783, 11983, 12147, 12282, 12410, 12542),
        "a-analys-strategiskt-larande": (10909, 11514, 11833, 12017, 12170, 12315, 12422, 12621),
        "a-samordning-stod-regional-utveckling": (10929, 11622, 11873, 12047, 12198, 12342, 12452, 12688),
    },
}

#: Sub-heading lines per chapter, in question order (§1.3).
SECTION_LINES = {
    "p-1": (179, 507, 1110, 1491, 1692, 1886, 2018, 2310),
    "p-2": (2577, 2848, 3246, 3491, 3623, 3756, 3867, 4031),
    "p-3": (4242, 4469, 4871, 5054, 5144, 5233, 5343, 5520),
    "p-4": (5663, 5955, 6815, 7141, 7260, 7387, 7519, 7749),
    "p-5": (7963, 8091, 8838, 9098, 9215, 9337, 9432, 9549),
    "p-6": (9789, 9875, 10198, 10382, 10468, 10553, 10629, 10689),
    "ru": (10774, 10955, 11744, 11956, 12105, 12244, 12392, 12502),
}
CHAPTER_LINES = {
    "p-1": (177, 2572), "p-2": (2573, 4239), "p-3": (4240, 5658), "p-4": (5659, 7960),
    "p-5": (7961, 9786), "p-6": (9787, 10770), "ru": (10771, 12753),
}
