"""The Open SDG tidy CSV (open-sdg docs/data-format.md) for one indicator.

Columns: ``Year`` first, then ``Units`` and ``Series`` when any observation has
them, then the disaggregation columns (sorted by name), ``GeoCode`` (second last,
when any observation has one) and ``Value`` last. A blank cell means "all/total";
the row whose disaggregations are all blank is the headline. Rows are sorted so the
headline comes first within each year ordering Open SDG expects (by disaggregation,
then year).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from resultat.core.i18n import N_, Message
from resultat.core.opendata.csvfile import write_rows

RESERVED = ("Year", "Units", "Series", "GeoCode", "Value")


@dataclass(frozen=True)
class Observation:
    year: int
    value: float | int | None
    geocode: str = ""
    units: str = ""
    series: str = ""
    disaggregations: Mapping[str, str] = field(default_factory=dict)


class TidyError(ValueError):
    pass


def _number(value: float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def tidy_rows(observations: Iterable[Observation]) -> tuple[list[str], list[dict[str, Any]]]:
    obs = list(observations)
    disaggregations: set[str] = set()
    seen: set[tuple] = set()
    for i, o in enumerate(obs, start=1):
        for key in o.disaggregations:
            if key in RESERVED:
                raise TidyError(Message(N_("observation %(i)s: disaggregeringen %(key)r krockar med en reserverad kolumn"), i=i, key=key))
        disaggregations.update(k for k, v in o.disaggregations.items() if v not in ("", None))
        identity = (o.year, o.units, o.series, o.geocode, tuple(sorted((k, v) for k, v in o.disaggregations.items() if v)))
        if identity in seen:
            raise TidyError(Message(N_("observation %(i)s: dubblett för år %(year)s med samma uppdelning"), i=i, year=o.year))
        seen.add(identity)
    columns = ["Year"]
    if any(o.units for o in obs):
        columns.append("Units")
    if any(o.series for o in obs):
        columns.append("Series")
    columns += sorted(disaggregations)
    if any(o.geocode for o in obs):
        columns.append("GeoCode")
    columns.append("Value")
    rows = []
    for o in obs:
        row: dict[str, Any] = {"Year": o.year, "Units": o.units, "Series": o.series, "GeoCode": o.geocode, "Value": _number(o.value)}
        for key in disaggregations:
            row[key] = o.disaggregations.get(key, "") or ""
        rows.append(row)

    def order(row):
        disagg = tuple(row[k] for k in sorted(disaggregations))
        headline = not any(disagg) and not row["GeoCode"]
        return (row["Units"], row["Series"], not headline, row["GeoCode"], disagg, row["Year"])

    rows.sort(key=order)
    return columns, rows


def tidy_csv(observations: Iterable[Observation]) -> str:
    columns, rows = tidy_rows(observations)
    return write_rows(columns, rows)


def indicator_filename(indicator_id: str) -> str:
    """Open SDG's file name: ``indicator_1-1-1.csv`` from ``1.1.1`` (dots to dashes)."""
    safe = indicator_id.strip().replace(".", "-").replace("/", "-").replace(" ", "-")
    if not safe:
        raise TidyError(Message(N_("indikatorn saknar id")))
    return f"indicator_{safe}.csv"


# --- What sdg-build needs beside the CSV files ------------------------------------------------
#
# sdg-build (open-sdg/sdg-build) reads each tidy CSV with pandas. Without a dtype, a
# GeoCode column of digits becomes numbers: "00" turns into 0.0 and "2480" into 2480.0,
# and the codes no longer match the map's GeoJSON. ``InputCsvData`` takes ``dtype``, so
# the data configuration shipped with the files says GeoCode is a string.
#
# sdg-build files an indicator under the goal named by the first part of its id
# ("kolada-N01951" -> goal "kolada") unless its metadata says ``standalone: true``. These
# are regional indicators, not official SDG ones, so each gets a metadata file that marks
# it standalone (its links to Agenda 2030 goals are on the indicator pages).

DATA_PATTERN = "indicator_*.csv"  # beside config_data.yml, as the export and the site lay them out
META_DIR = "meta"
CONFIG_FILENAME = "config_data.yml"
STRING_COLUMNS = ("GeoCode",)


def indicator_id_of(filename: str) -> str:
    """sdg-build's id from a data file name (``InputCsvData``: drops ``indicator_``)."""
    stem = filename.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return stem.replace("indicator_", "")


def meta_filename(indicator_id: str) -> str:
    """The metadata file sdg-build's ``InputYamlMeta`` pairs with ``indicator_<id>.csv``."""
    return f"{indicator_filename(indicator_id)[len('indicator_'):-len('.csv')]}.yml"


def meta_yaml(
    *,
    indicator_id: str,
    name: str,
    units: str = "",
    source_organisation: str = "",
    source_url: str = "",
    language: str = "sv",
) -> str:
    """One indicator's Open SDG metadata: standalone (no goal of its own), published,
    with its name, unit and source."""
    import yaml

    meta: dict[str, Any] = {
        "indicator_name": name,
        "standalone": True,
        "published": True,
        "reporting_status": "complete",
        "data_non_statistical": False,
        "graph_type": "line",
        "computation_units": units,
        "source_active_1": bool(source_organisation),
        "source_organisation_1": source_organisation,
        "source_url_1": source_url,
        "national_geographical_coverage": "Sverige",
    }
    meta = {k: v for k, v in meta.items() if v not in ("", None)}
    header = f"# Open SDG metadata for {indicator_id} ({language}); written by Resultat\n"
    return header + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)


def config_data_yaml(*, site_dir: str = "_site", languages: Iterable[str] = ("sv",)) -> str:
    """sdg-build's data configuration (``config_data.yml``) for the exported folder:
    tidy CSVs beside it, metadata in ``meta/``, GeoCode read as a string. Metadata
    dates are not taken from git (the export is not a repository)."""
    import yaml

    config = {
        "site_dir": site_dir,
        "languages": list(languages),
        "inputs": [
            {"class": "InputCsvData", "path_pattern": DATA_PATTERN, "dtype": {c: "str" for c in STRING_COLUMNS}},
            {"class": "InputYamlMeta", "path_pattern": f"{META_DIR}/*.yml", "git": False},
        ],
    }
    header = (
        "# sdg-build data configuration for Resultat's Open SDG export.\n"
        "# GeoCode is a string: without the dtype pandas turns 00 into 0.0 and 2480 into 2480.0.\n"
        "# Every indicator's metadata says standalone: true, so ids like kolada-N01951 are not\n"
        "# filed under a goal called \"kolada\".\n"
    )
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
