"""Template helpers for the public results pages."""

from django import template

register = template.Library()


@register.filter
def any_from_print(grouped) -> bool:
    """True if any text in ``{chapter: {question: [contribution, ...]}}`` was read in
    from a printed report (it has its OCR original), so the page can say so once."""
    return any(c.source_text for by_question in grouped.values() for contributions in by_question.values() for c in contributions)
