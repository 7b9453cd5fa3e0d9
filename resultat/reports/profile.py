"""The region profile of a report (``data/reports/<region>/profile.yaml`` and its logo),
read for the builder. Without a file the report gets the neutral default design with
the region's name and no logo or imprint data."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from django.conf import settings

from resultat.core.report.profile import ProfileError, RegionProfile, parse_profile


def profile_path(region_slug: str) -> Path:
    return Path(settings.DATA_DIR) / "reports" / region_slug / "profile.yaml"


@lru_cache(maxsize=32)
def _load(path: str, mtime: float, year: int | None, region_name: str) -> RegionProfile:
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ProfileError(f"{p}: ogiltig YAML ({exc})") from exc
    logo = ""
    if isinstance(data, dict) and data.get("logo"):
        logo_file = (p.parent / str(data["logo"])).resolve()
        if p.parent.resolve() not in logo_file.parents:
            raise ProfileError(f"{p}: logo ska ligga i samma mapp som profilen")
        try:
            logo = logo_file.read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise ProfileError(f"{p}: logotypen {data['logo']} finns inte") from exc
        data = {k: v for k, v in data.items() if k != "logo"}
    return parse_profile(data, str(p), logo_svg=logo, year=year)


def region_profile(region_slug: str, region_name: str, year: int | None = None) -> RegionProfile:
    path = profile_path(region_slug)
    if not path.exists():
        return RegionProfile(name=region_name)
    return _load(str(path), path.stat().st_mtime, year, region_name)
