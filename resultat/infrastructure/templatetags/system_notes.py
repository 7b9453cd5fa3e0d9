"""``{{ note|system_note }}``: a history's note or comment in the reader's language when the
system wrote it, as stored otherwise (resultat/infrastructure/system_notes.py)."""

from django import template

from resultat.infrastructure.system_notes import system_note_text

register = template.Library()


@register.filter
def system_note(value) -> str:
    return system_note_text(value)
