"""A region's profile for its report: name, logo, colours, fonts and imprint data, one
design shared by the HTML, PDF and DOCX renderers. Loaded from data
(``data/reports/<region>/profile.yaml`` by ``resultat.reports.profile``) and stored in
the frozen edition with the rest of the report model. No Django import.

Every text colour is checked against the background (WCAG 2.1 AA, contrast ≥ 4.5:1); a
profile that fails is refused with the key and the ratio."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MIN_CONTRAST = 4.5
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
#: colours used for text on ``background`` (each must reach MIN_CONTRAST)
TEXT_COLOURS = ("text", "muted", "primary", "accent", "link")


class ProfileError(ValueError):
    pass


@dataclass
class Colours:
    primary: str = "#0b3a5b"  # headings, cover
    accent: str = "#0b6e4f"  # rules, area headings
    text: str = "#1d1d1b"
    muted: str = "#4a4a4a"  # captions, running heads, source lines
    link: str = "#0a4f86"
    background: str = "#ffffff"
    pale: str = "#eef3f1"  # table heads and boxes (text on it is ``text``)


@dataclass
class Fonts:
    heading: list[str] = field(default_factory=lambda: ["DejaVu Sans"])
    body: list[str] = field(default_factory=lambda: ["Libertinus Serif", "DejaVu Serif"])
    #: what Word and LibreOffice are asked for (fonts are not embedded in a DOCX)
    docx_heading: str = "Verdana"
    docx_body: str = "Georgia"


@dataclass
class Imprint:
    publisher: str = ""
    address: str = ""
    phone: str = ""
    web: str = ""
    email: str = ""
    diarienummer: str = ""
    date: str = ""  # as printed, e.g. "2026-03-15"
    accessibility: str = ""
    licence: str = ""


@dataclass
class RegionProfile:
    name: str
    short_name: str = ""
    logo_svg: str = ""
    logo_alt: str = ""
    colours: Colours = field(default_factory=Colours)
    fonts: Fonts = field(default_factory=Fonts)
    imprint: Imprint = field(default_factory=Imprint)
    back_cover: list[str] = field(default_factory=list)

    def imprint_lines(self) -> list[tuple[str, str]]:
        """(label, value) of the imprint page, only what is known (nothing invented)."""
        i = self.imprint
        rows = [("Utgivare", i.publisher), ("Diarienummer", i.diarienummer), ("Datum", i.date), ("Adress", i.address),
                ("Telefon", i.phone), ("E-post", i.email), ("Webb", i.web), ("Licens", i.licence)]
        return [(k, v) for k, v in rows if v]


def _luminance(hex_colour: str) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _str_list(value, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not (isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value)):
        raise ProfileError(f"{where}: ska vara ett namn eller en lista av namn")
    return list(value)


def _section(cls, data, where: str, convert=None):
    if data is None:
        return cls()
    if not isinstance(data, dict):
        raise ProfileError(f"{where}: ska vara en tabell (nyckel: värde)")
    known = {f for f in cls.__dataclass_fields__}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ProfileError(f"{where}: okända nycklar {', '.join(unknown)} (kända: {', '.join(sorted(known))})")
    values = {}
    for k, v in data.items():
        values[k] = convert(k, v, f"{where}.{k}") if convert else v
    return cls(**values)


def _text(k, v, where):
    if v is None:
        return ""
    if not isinstance(v, str | int):
        raise ProfileError(f"{where}: ska vara text")
    return str(v).strip()


def parse_profile(data: dict, where: str, logo_svg: str = "", year: int | None = None) -> RegionProfile:
    """A profile from its YAML mapping; ``where`` names the file in errors. The imprint
    data of ``year``'s edition (``editions: {2025: {diarienummer: …, date: …}}``) goes
    over the general imprint."""
    if not isinstance(data, dict) or data.get("format") != "resultat-region-profile/1":
        raise ProfileError(f"{where}: format ska vara resultat-region-profile/1")
    if not isinstance(data.get("name"), str) or not data["name"].strip():
        raise ProfileError(f"{where}: name (regionens namn) krävs")

    def colour(k, v, w):
        if not isinstance(v, str) or not _HEX.match(v):
            raise ProfileError(f"{w}: ska vara en färg #rrggbb, inte {v!r}")
        return v.lower()

    def font(k, v, w):
        return _str_list(v, w) if k in ("heading", "body") else _text(k, v, w)

    colours = _section(Colours, data.get("colours"), f"{where}: colours", colour)
    for key in TEXT_COLOURS:
        ratio = contrast(getattr(colours, key), colours.background)
        if ratio < MIN_CONTRAST:
            raise ProfileError(f"{where}: colours.{key} {getattr(colours, key)} har kontrasten {ratio:.2f}:1 mot bakgrunden "
                               f"{colours.background}; minst {MIN_CONTRAST}:1 krävs")
    if contrast(colours.text, colours.pale) < MIN_CONTRAST:
        raise ProfileError(f"{where}: colours.pale {colours.pale} ger texten för låg kontrast ({contrast(colours.text, colours.pale):.2f}:1)")
    if contrast("#ffffff", colours.primary) < MIN_CONTRAST:
        raise ProfileError(f"{where}: colours.primary {colours.primary} bär vit text på omslaget men har kontrasten "
                           f"{contrast('#ffffff', colours.primary):.2f}:1")
    imprint = dict(data.get("imprint") or {})
    editions = data.get("editions") or {}
    if not isinstance(editions, dict):
        raise ProfileError(f"{where}: editions ska vara en tabell år: {{…}}")
    if year is not None and editions.get(year) is not None:
        if not isinstance(editions[year], dict):
            raise ProfileError(f"{where}: editions.{year} ska vara en tabell")
        imprint.update({k: v for k, v in editions[year].items() if v not in (None, "")})
    back = data.get("back_cover") or []
    if not isinstance(back, list) or not all(isinstance(x, str) for x in back):
        raise ProfileError(f"{where}: back_cover ska vara en lista av rader")
    if logo_svg and "<svg" not in logo_svg[:2000]:
        raise ProfileError(f"{where}: logotypen är inte en SVG-bild")
    alt = _text("logo_alt", data.get("logo_alt"), f"{where}: logo_alt")
    if logo_svg and not alt:
        raise ProfileError(f"{where}: logo_alt (logotypens alt-text) krävs när det finns en logotyp")
    return RegionProfile(
        name=data["name"].strip(), short_name=_text("short_name", data.get("short_name"), f"{where}: short_name"),
        logo_svg=logo_svg, logo_alt=alt, colours=colours, fonts=_section(Fonts, data.get("fonts"), f"{where}: fonts", font),
        imprint=_section(Imprint, imprint, f"{where}: imprint", _text), back_cover=[x.strip() for x in back],
    )
