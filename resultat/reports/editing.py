"""Writes of the edition's own texts (``ReportSection``: foreword, introduction,
reading guide, contacts' introduction) by analysts in the app.

Like a contribution: the text is written in the light markup (``core.markup``) and
stored as sanitised HTML, every save is a numbered revision with author and time, and a
save names the revision it started from (``base_revision``): if someone saved after it,
``TextConflict`` and nothing is overwritten. Frozen editions are JSON of their own and
never change; a changed text goes into the next edition that is frozen."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from resultat.core.report.blocks import merge_adjacent_lists
from resultat.core.richtext import sanitize
from resultat.followup.visibility import is_analyst
from resultat.reports.models import ReportSection, ReportSectionRevision

TITLE_MAX = ReportSection._meta.get_field("title").max_length
SIGNATURE_MAX = ReportSection._meta.get_field("signature").max_length
#: Texts whose heading the renderers give themselves ("Förord", "Hur ska rapporten
#: läsas?" and the contact list's heading): their title is not edited.
FIXED_TITLES = frozenset({ReportSection.FOREWORD, ReportSection.READING_GUIDE, ReportSection.CONTACTS})


class TextEditError(ValueError):
    """A text that cannot be saved as given (the message says why)."""


class TextConflict(TextEditError):
    """Someone saved a newer revision than the one the analyst opened."""

    def __init__(self, section: ReportSection, body: str):
        self.section = section
        self.body = body
        latest = section.revisions.select_related("author").first()
        who = (latest.author if latest and latest.author else None) or _("importen")
        super().__init__(
            _("Texten har ändrats av %(who)s sedan du öppnade den (version %(n)s). Inget skrevs över.")
            % {"who": who, "n": section.revision}
        )


def can_edit(user) -> bool:
    return is_analyst(user)


def title_editable(section: ReportSection) -> bool:
    return section.code not in FIXED_TITLES


def save_section(section: ReportSection, *, user, body_html: str, base_revision: int, title: str | None = None,
                 signature: str | None = None, note: str = "") -> tuple[ReportSection, bool]:
    """Save an analyst's text as a new revision; returns the section and whether a
    revision was written (an unchanged text writes none)."""
    if not can_edit(user):
        raise PermissionDenied(_("Bara analytiker kan ändra rapportens egna texter."))
    clean_body = merge_adjacent_lists(sanitize(body_html)) if body_html.strip() else ""
    title = " ".join((title or "").split()) if title is not None else None
    signature = " ".join((signature or "").split()) if signature is not None else None
    if title is not None and title_editable(section):
        if not title:
            raise TextEditError(_("Rubriken får inte vara tom."))
        if len(title) > TITLE_MAX:
            raise TextEditError(_("Rubriken får vara högst %(max)s tecken.") % {"max": TITLE_MAX})
    if signature is not None and len(signature) > SIGNATURE_MAX:
        raise TextEditError(_("Underskriften får vara högst %(max)s tecken.") % {"max": SIGNATURE_MAX})
    with transaction.atomic():
        current = ReportSection.objects.select_for_update().select_related("cycle").get(pk=section.pk)
        if current.revision != base_revision:
            raise TextConflict(current, clean_body)
        new_title = title if (title is not None and title_editable(current)) else current.title
        new_signature = signature if (signature is not None and current.code == ReportSection.FOREWORD) else current.signature
        if (new_title, clean_body, new_signature) == (current.title, current.body, current.signature):
            return current, False
        # the guard names the revision too: without the row lock it could still not overwrite a newer save
        updated = ReportSection.objects.filter(pk=current.pk, revision=base_revision).update(
            title=new_title, body=clean_body, signature=new_signature, revision=base_revision + 1)
        if not updated:
            raise TextConflict(ReportSection.objects.get(pk=current.pk), clean_body)
        ReportSectionRevision.objects.create(section=current, number=base_revision + 1, title=new_title, body=clean_body,
                                             signature=new_signature, note=note, author=user)
        current.refresh_from_db()
        return current, True


def restore_revision(section: ReportSection, *, user, number: int, base_revision: int) -> ReportSection:
    """Make an earlier revision the text again, as a new revision."""
    rev = section.revisions.filter(number=number).first()
    if rev is None:
        raise TextEditError(_("Version %(n)s finns inte.") % {"n": number})
    saved, _changed = save_section(section, user=user, body_html=rev.body, base_revision=base_revision, title=rev.title,
                                   signature=rev.signature, note=_("Återställd från version %(n)s") % {"n": number})
    return saved
