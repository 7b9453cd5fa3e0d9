"""HTML renderer: a fragment for the site page and a standalone single file.

Both come from the same function, so they carry the same headings and anchors. Contribution
texts are sanitised again (``richtext.sanitize``) and their headings moved down below the
area heading; every other string is escaped. Charts are inline SVG with ``role="img"`` and
the alt text as accessible name, followed by the same data as a table.
"""

from __future__ import annotations

import re
from html import escape, unescape
from pathlib import Path

from resultat.core import charts, richtext
from resultat.core.report.blocks import merge_adjacent_lists
from resultat.core.report.model import Chart, Report, Table, source_line
from resultat.core.report.profile import RegionProfile

CSS = (Path(__file__).with_name("report.css")).read_text(encoding="utf-8")


def _e(text) -> str:
    return escape(str(text or ""), quote=True)


_TEXT_HEADING = re.compile(r"<(h[56])>(.*?)</\1>", re.S)


def _lang(title: str, english: frozenset[str] | set[str]) -> str:
    return ' lang="en"' if title in english else ""


def _body(html: str, english: frozenset[str] | set[str] = frozenset()) -> str:
    clean = merge_adjacent_lists(richtext.sanitize(html or ""))
    clean = re.sub(r"<(/?)h4>", r"<\1h6>", clean)
    clean = re.sub(r"<(/?)h3>", r"<\1h5>", clean)
    if not english:
        return clean
    # a heading written in English is marked so (WCAG 3.1.2)
    return _TEXT_HEADING.sub(
        lambda m: f"<{m.group(1)}{_lang(unescape(re.sub(r'<[^>]+>', '', m.group(2))).strip(), english)}>{m.group(2)}</{m.group(1)}>", clean
    )


def table_html(t: Table) -> str:
    out = [f'<div class="table-wrap"><table id="{_e(t.id)}"><caption>{_e(t.caption)}</caption><thead><tr>']
    numeric = t.numeric_columns()
    num = [' class="num"' if n else "" for n in numeric]
    out += [f'<th scope="col"{num[i]}>{_e(c)}</th>' for i, c in enumerate(t.columns)]
    out.append("</tr></thead><tbody>")
    for row in t.rows:
        cells = [f'<th scope="row">{_e(row[0])}</th>'] + [f"<td{num[i] if i < len(num) else ''}>{_e(c)}</td>" for i, c in enumerate(row[1:], 1)]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    if t.note:
        out.append(f'<p class="table-note">{_e(t.note)}</p>')
    out.append("</div>")
    return "".join(out)


def chart_html(chart: Chart, caption: str = "") -> str:
    """The chart named by its alt text, the caption that states its finding (the alt
    text when there is none) and the same data as a table."""
    svg = charts.svg(chart.spec)
    svg = re.sub(r"<svg\b", '<svg aria-hidden="true" focusable="false"', svg, count=1)
    return (
        f'<figure class="chart"><div class="chart-image" role="img" aria-label="{_e(chart.alt)}">{svg}</div>'
        f"<figcaption>{_e(caption or chart.alt)}</figcaption></figure>" + table_html(chart.table)
    )


def _cover_html(report: Report) -> list[str]:
    o: list[str] = [f'<article class="report" lang="sv"><header class="report-cover">{_logo(report.profile)}<p class="report-region">{_e(report.region)}</p>']
    o.append(f'<h1 id="titel">{_e(report.title)}</h1>')
    if report.subtitle:
        o.append(f'<p class="report-subtitle">{_e(report.subtitle)}</p>')
    for note in report.notes:
        o.append(f'<p class="report-note">{_e(note)}</p>')
    o.append("</header>")
    return o


def _toc_html(report: Report) -> list[str]:
    o = ['<nav class="report-toc" aria-labelledby="innehall"><h2 id="innehall">Innehåll</h2><ol>']
    toc = report.toc()
    for i, (level, anchor, title) in enumerate(toc):
        o.append(f'<li><a href="#{_e(anchor)}">{_e(title)}</a>')
        nxt = toc[i + 1][0] if i + 1 < len(toc) else 1
        if nxt > level:
            o.append("<ol>")
        elif nxt < level:
            o.append("</li></ol></li>")
        else:
            o.append("</li>")
    o.append("</ol></nav>")
    return o


def _front_html(report: Report) -> list[str]:
    """Foreword, introduction and the reading guide with its questions."""
    o: list[str] = []
    if report.foreword_html:
        o.append(f'<section class="front" aria-labelledby="forord"><h2 id="forord">Förord</h2>{_body(report.foreword_html)}')
        if report.foreword_signature:
            o.append(f'<p class="signature">{_e(report.foreword_signature)}</p>')
        o.append("</section>")
    for t in report.introduction:
        h = "h2" if t.level == 1 else "h3"
        o.append(f'<div class="front"><{h} id="{_e(t.id)}">{_e(t.title)}</{h}>{_body(t.body_html, set(report.english_titles))}</div>')
    if report.questions:
        o.append('<section class="front" aria-labelledby="las-rapporten"><h2 id="las-rapporten">Hur ska rapporten läsas?</h2>')
        o.append(f"<p>{_e(report.reading_guide)}</p><ol class='questions'>")
        o += [f"<li><strong>{_e(q.title)}</strong>{(' – ' + _e(q.guidance)) if q.guidance else ''}</li>" for q in report.questions]
        o.append("</ol></section>")
    return o


def _strategy_html(s) -> list[str]:
    o = [f'<section class="front" aria-labelledby="strategin"><h2 id="strategin">Strategin i korthet</h2><p><strong>{_e(s.name)}</strong></p>']
    if s.vision:
        o.append(f'<p class="vision">{_e(s.vision)}</p>')
    if s.goals:
        o.append('<h3 id="strategin-mal">Övergripande mål</h3><ul>' + "".join(f"<li><strong>{_e(t)}</strong>{(' – ' + _e(x)) if x else ''}</li>" for t, x in s.goals) + "</ul>")
    if s.perspectives:
        o.append('<h3 id="strategin-inriktningar">Inriktningar</h3><ul>' + "".join(f"<li><strong>{_e(t)}</strong>{(' – ' + _e(x)) if x else ''}</li>" for t, x in s.perspectives) + "</ul>")
    if s.priorities:
        o.append('<h3 id="strategin-prioriteringar">Prioriteringar</h3><ol class="priorities">')
        for p in s.priorities:
            o.append(f"<li><strong>{_e(p.title)}</strong>")
            if p.subpriorities:
                o.append("<ul>" + "".join(f"<li>{_e(sp)}</li>" for sp in p.subpriorities) + "</ul>")
            o.append("</li>")
        o.append("</ol>")
    if s.closing:
        o.append(f"<p>{_e(s.closing)}</p>")
    o.append("</section>")
    return o


def _section_html(sec, english: frozenset[str] | set[str] = frozenset()) -> list[str]:
    # Only chapters, the front matter, the annex and the contacts are named regions (landmarks);
    # questions, areas and indicators are found by their headings, not as 250 more landmarks.
    o = [f'<section class="question"><h3 id="{_e(sec.id)}">{_e(sec.title)}</h3>']
    for b in sec.blocks:
        o.append(f'<section class="area-block"><h4 id="{_e(b.id)}">{_e(b.heading)}</h4>')
        if b.subtitle:
            o.append(f'<p class="area-subtitle"{_lang(b.subtitle, english)}>{_e(b.subtitle)}</p>')
        o.append(f'<div class="prose">{_body(b.body_html, english)}</div>')
        for g in b.groups:
            o.append(f'<div class="items items-{_e(g.kind)}"><h5>{_e(g.heading)}</h5><ul>')
            for it in g.items:
                text = f"<br>{_e(it.text)}" if it.text else ""
                o.append(f'<li><strong class="item-title"{_lang(it.label, english)}>{_e(it.label)}</strong>{text}</li>')
            o.append("</ul></div>")
        o.append("</section>")
    o.append("</section>")
    return o


def _indicators_html(ch) -> list[str]:
    o = [f'<section class="indicators" aria-labelledby="{_e(ch.id)}-indikatorer"><h3 id="{_e(ch.id)}-indikatorer">Indikatorer</h3>']
    if ch.indicators_note:
        o.append(f'<p class="indicators-note">{_e(ch.indicators_note)}</p>')
    for ind in ch.indicators:
        o.append(f'<section class="indicator"><h4 id="{_e(ind.id)}">{_e(ind.title)}</h4>')
        if ind.synthetic:
            o.append(f'<p class="synthetic"><strong>{charts.SYNTHETIC_LABEL}</strong></p>')
        o.append(chart_html(ind.chart, ind.finding))
        o.append(f'<p class="source">{_e(source_line(ind))}</p>')
        if ind.assessment:
            o.append(f'<p class="assessment"><strong>Bedömning:</strong> {_e(ind.assessment)}</p>')
        o.append("</section>")
    o.append("</section>")
    return o


def _chapter_html(ch, english: frozenset[str] | set[str] = frozenset()) -> list[str]:
    o = [f'<section class="chapter" aria-labelledby="{_e(ch.id)}"><h2 id="{_e(ch.id)}">{_e(ch.title)}</h2>']
    for sec in ch.sections:
        o += _section_html(sec, english)
    if ch.indicators or ch.indicators_note:
        o += _indicators_html(ch)
    o.append("</section>")
    return o


def _annex_html(a) -> list[str]:
    o = ['<section class="annex" aria-labelledby="bilaga"><h2 id="bilaga">Bilaga</h2>']
    if a.synthetic:
        o.append(f'<p class="synthetic"><strong>{charts.SYNTHETIC_LABEL}</strong></p>')
    o += [f'<p class="annex-note">{_e(n)}</p>' for n in a.notes]
    if a.funding_tables:
        o.append('<h3 id="bilaga-finansiering">Sammanställning av finansiering</h3>' + "".join(table_html(t) for t in a.funding_tables))
    if a.impact_matrix:
        o.append('<h3 id="bilaga-agenda2030">Agenda 2030: påverkansmatris</h3>' + table_html(a.impact_matrix))
    if a.goal_conflicts:
        o.append('<h3 id="bilaga-malkonflikter">Målkonflikter</h3>' + "".join(f"<p>{_e(p)}</p>" for p in a.goal_conflicts))
    o.append("</section>")
    return o


def _contacts_html(report: Report) -> list[str]:
    o = ['<section class="contacts" aria-labelledby="kontakt"><h2 id="kontakt">Kontakt för mer information</h2>']
    if report.contacts_intro:
        o.append(f"<p>{_e(report.contacts_intro)}</p>")
    for g in report.contacts:
        o.append(f'<h3 id="kontakt-{_e(g.chapter_id)}">{_e(g.chapter_title)}</h3><ul class="contact-list">')
        for c in g.contacts:
            parts = [f"<strong>{_e(c.name)}</strong>"]
            if c.title:
                parts.append(_e(c.title))
            if c.areas:
                parts.append(_e(", ".join(c.areas)))
            if c.phone:
                parts.append(f"Telefon {_e(c.phone)}")
            if c.email:
                parts.append(f'<a href="mailto:{_e(c.email)}">{_e(c.email)}</a>')
            o.append("<li>" + "<br>".join(parts) + "</li>")
        o.append("</ul>")
    o.append("</section>")
    return o


def render_fragment(report: Report) -> str:
    """The report as an ``<article>``: h1 title, h2 chapters, h3 questions, h4 areas."""
    o = _cover_html(report) + _toc_html(report) + _front_html(report)
    if report.strategy:
        o += _strategy_html(report.strategy)
    english = set(report.english_titles)
    for ch in report.chapters:
        o += _chapter_html(ch, english)
    if not report.annex.is_empty():
        o += _annex_html(report.annex)
    if report.contacts:
        o += _contacts_html(report)
    o.append(_imprint(report))
    o.append("</article>")
    return "\n".join(o)


_SVG_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SVG_ROOT = re.compile(r"<svg\b")
_FONT_NAME = re.compile(r"[^A-Za-z0-9 _\-]")


def _logo(profile: RegionProfile | None) -> str:
    """The profile's logo as inline SVG named by its alt text (the SVG is the region's
    own data file, not user input)."""
    if profile is None or not profile.logo_svg:
        return ""
    svg = _SVG_COMMENT.sub("", profile.logo_svg).strip()
    svg = _SVG_ROOT.sub(f'<svg role="img" aria-label="{_e(profile.logo_alt)}" focusable="false"', svg, count=1)
    return f'<div class="report-logo">{svg}</div>'


def _imprint(report: Report) -> str:
    """Publisher, diarienummer, date, contact and the accessibility statement."""
    p = report.profile
    if p is None:
        return ""
    rows = []
    for label, value in p.imprint_lines():
        if label == "Webb":
            value_html = f'<a href="{_e(value)}">{_e(value)}</a>'
        elif label == "E-post":
            value_html = f'<a href="mailto:{_e(value)}">{_e(value)}</a>'
        else:
            value_html = _e(value)
        rows.append(f"<dt>{_e(label)}</dt><dd>{value_html}</dd>")
    out = ['<footer class="report-imprint">', f"<p><strong>{_e(report.title)}</strong></p>"]
    if rows:
        out.append("<dl>" + "".join(rows) + "</dl>")
    if p.imprint.accessibility:
        out.append(f"<p><strong>Tillgänglighet.</strong> {_e(p.imprint.accessibility)}</p>")
    out.append("</footer>")
    return "".join(out)


def profile_css(profile: RegionProfile | None) -> str:
    """The profile's colours and fonts as the custom properties of ``.report``."""
    if profile is None:
        return ""
    c, f = profile.colours, profile.fonts

    def stack(names: list[str], generic: str) -> str:
        return ",".join('"' + _FONT_NAME.sub("", n) + '"' for n in names) + "," + generic

    return (f".report{{--r-primary:{c.primary};--r-accent:{c.accent};--r-text:{c.text};--r-muted:{c.muted};--r-link:{c.link};"
            f"--r-pale:{c.pale};--r-body:{stack(f.body, 'serif')};--r-heading:{stack(f.heading, 'sans-serif')}}}\n")


def render_standalone(report: Report) -> str:
    """One self-contained HTML file: inlined stylesheet, inline SVG charts, no scripts."""
    return (
        '<!DOCTYPE html>\n<html lang="sv"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(report.title)}</title><style>{CSS}{profile_css(report.profile)}</style></head>"
        f'<body><main id="main">{render_fragment(report)}</main></body></html>\n'
    )
