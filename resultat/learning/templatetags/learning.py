from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``mapping|get_item:key`` – dictionary lookup with a variable key."""
    try:
        return mapping[key]
    except (KeyError, TypeError, IndexError):
        return ""


@register.filter
def any_words_changed(changes) -> bool:
    """True if any question's text gained or lost a word (else the chart would be an
    empty frame, and the page says so in words instead)."""
    return any(c.summary["words_added"] or c.summary["words_removed"] for c in changes)
