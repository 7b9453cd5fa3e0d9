"""Area codes the source tests share: Västerbotten's 15 municipalities (SCB codes)."""

VASTERBOTTEN_MUNICIPALITIES = [
    "2401",
    "2403",
    "2404",
    "2409",
    "2417",
    "2418",
    "2421",
    "2422",
    "2425",
    "2460",
    "2462",
    "2463",
    "2480",
    "2481",
    "2482",
]

# the country, the county and its municipalities
VASTERBOTTEN_17 = ["00", "24", *VASTERBOTTEN_MUNICIPALITIES]
