"""Differences between two editions: texts per area and question (readable word diff),
initiatives new/ended/changed, indicators whose assessment changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from resultat.core import textdiff
from resultat.core.report.model import Report


@dataclass
class TextChange:
    chapter: str
    question: str
    area: str
    status: str  # "ny", "borttagen", "ändrad"
    diff_html: str
    summary: dict


@dataclass
class EditionDiff:
    old_title: str
    new_title: str
    texts: list[TextChange] = field(default_factory=list)
    initiatives_new: list[str] = field(default_factory=list)
    initiatives_ended: list[str] = field(default_factory=list)
    initiatives_changed: list[str] = field(default_factory=list)
    assessments: list[tuple[str, str, str]] = field(default_factory=list)  # indicator, old, new


def _texts(report: Report) -> dict[tuple[str, str, str], tuple[str, str, str, str]]:
    out = {}
    for ch in report.chapters:
        for s in ch.sections:
            for b in s.blocks:
                out[(ch.code, s.code, ",".join(b.area_codes))] = (ch.title, s.title, b.heading, b.body_html)
    return out


def _initiatives(report: Report) -> dict[str, str]:
    return {
        it.title: it.text
        for ch in report.chapters for s in ch.sections for b in s.blocks for g in b.groups for it in g.items
        if it.kind == "initiative"
    }


def diff_reports(old: Report, new: Report) -> EditionDiff:
    d = EditionDiff(old.title, new.title)
    a, b = _texts(old), _texts(new)
    for key in list(a) + [k for k in b if k not in a]:
        o, n = a.get(key), b.get(key)
        meta = n or o
        old_html, new_html = (o[3] if o else ""), (n[3] if n else "")
        if old_html == new_html:
            continue
        status = "ny" if o is None else "borttagen" if n is None else "ändrad"
        d.texts.append(TextChange(meta[0], meta[1], meta[2], status, textdiff.diff_html(old_html, new_html), textdiff.change_summary(old_html, new_html, html=True)))
    ia, ib = _initiatives(old), _initiatives(new)
    d.initiatives_new = sorted(set(ib) - set(ia))
    d.initiatives_ended = sorted(set(ia) - set(ib))
    d.initiatives_changed = sorted(k for k in set(ia) & set(ib) if ia[k] != ib[k])
    inds_a = {i.id: i for ch in old.chapters for i in ch.indicators}
    for ch in new.chapters:
        for i in ch.indicators:
            if i.id in inds_a and inds_a[i.id].assessment != i.assessment:
                d.assessments.append((i.title, inds_a[i.id].assessment, i.assessment))
    return d


def diff_fragment(d: EditionDiff) -> str:
    e = escape
    o = [f'<section class="edition-diff" aria-labelledby="diff-rubrik" lang="sv"><h2 id="diff-rubrik">Skillnader: {e(d.old_title)} → {e(d.new_title)}</h2>']
    o.append(f'<h3 id="diff-texter">Texter ({len(d.texts)} ändrade)</h3>')
    for t in d.texts:
        s = t.summary
        o.append(
            f'<article class="text-change"><h4>{e(t.chapter)} · {e(t.question)} · {e(t.area)} ({e(t.status)})</h4>'
            f'<p class="muted">{s["words_added"]} ord tillagda, {s["words_removed"]} borttagna.</p><div class="diff">{t.diff_html}</div></article>'
        )
    o.append('<h3 id="diff-insatser">Insatser</h3>')
    for title, names in (("Nya", d.initiatives_new), ("Avslutade (finns inte längre med)", d.initiatives_ended), ("Ändrade", d.initiatives_changed)):
        o.append(f"<h4>{title} ({len(names)})</h4>")
        o.append("<ul>" + "".join(f"<li>{e(n)}</li>" for n in names) + "</ul>" if names else "<p>Inga.</p>")
    o.append('<h3 id="diff-indikatorer">Indikatorer med ändrad bedömning</h3>')
    if d.assessments:
        o.append('<table><caption>Ändrade bedömningar</caption><thead><tr><th scope="col">Indikator</th><th scope="col">Tidigare</th><th scope="col">Nu</th></tr></thead><tbody>')
        o += [f'<tr><th scope="row">{e(n)}</th><td>{e(a)}</td><td>{e(b)}</td></tr>' for n, a, b in d.assessments]
        o.append("</tbody></table>")
    else:
        o.append("<p>Inga.</p>")
    o.append("</section>")
    return "\n".join(o)


def diff_standalone(d: EditionDiff) -> str:
    return (
        f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Skillnader {escape(d.old_title)} → {escape(d.new_title)}</title>'
        "<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;line-height:1.5}ins{background:#d8f3dc;text-decoration:underline}"
        "del{background:#fde2e1}</style></head><body><main>" + diff_fragment(d) + "</main></body></html>\n"
    )
