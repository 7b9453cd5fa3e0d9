"""The menu's counts of the signed-in user's work: {% work_counts as counts %}."""

from django import template

from resultat.followup import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def work_counts(context) -> dict[str, int]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or not (user and user.is_authenticated):
        return {"tasks": 0, "review": 0, "unread": 0}
    if not hasattr(request, "_work_counts"):
        request._work_counts = selectors.work_counts(user)
    return request._work_counts
