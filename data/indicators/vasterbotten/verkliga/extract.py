"""Rebuild the Kolada snapshot in this folder from open-numbers/ddf--kolada--dump.

    git clone https://github.com/open-numbers/ddf--kolada--dump /tmp/kolada-dump
    git -C /tmp/kolada-dump checkout 8501d5c7694b444dbf59d063c5156754e2a9b819
    python data/indicators/vasterbotten/verkliga/extract.py /tmp/kolada-dump

Reads the dump's unprocessed API extracts (``etl/source/datapoints raw 2024-08-30/``, Kolada's
own area ids such as 0000, 0024 and 2480), keeps Riket, Västerbottens län and its 15
municipalities, drops empty values, and writes one file per key figure in the format of
``resultat indicators import`` (indikator;område;år;kön;värde). Values are copied verbatim.
"""

import csv
import sys
from pathlib import Path

KPIS = ("N01951", "N00401", "N01982", "N07918", "N00999", "N03702", "N00914", "N07418", "N00799",
        "N07917", "N60988", "N00925", "N00923", "U01405", "N00957", "U70447", "N17461", "N02243")
AREAS = ("0000", "0024", "2401", "2403", "2404", "2409", "2417", "2418", "2421", "2422", "2425",
         "2460", "2462", "2463", "2480", "2481", "2482")
RAW = "etl/source/datapoints raw 2024-08-30"


def rows(dump: Path, kpi: str):
    k = kpi.lower()
    for kind, gendered in (("geo", False), ("geo--gender", True)):
        path = dump / RAW / f"datapoints--by--{kind}--year" / f"ddf--datapoints--{k}--by--{kind}--year.csv"
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if r["geo"] in AREAS and r[k] != "":
                    yield (kpi, r["geo"], int(r["year"]), r["gender"] if gendered else "T", r[k])


def main(dump: Path) -> None:
    here = Path(__file__).parent
    for kpi in KPIS:
        out = sorted(rows(dump, kpi), key=lambda r: (AREAS.index(r[1]), r[2], "TKM".index(r[3])))
        with (here / f"kolada-{kpi}.csv").open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, delimiter=";", lineterminator="\n")
            w.writerow(("indikator", "område", "år", "kön", "värde"))
            w.writerows(out)
        print(kpi, len(out))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
