"""Administrators edit strategy elements in the admin; every change is in the history."""

from django.contrib.admin.models import LogEntry
from django.urls import reverse

from resultat.accounts.services import create_demo_users
from resultat.strategy.models import SubPriority


def test_admin_edits_subpriority_with_history(client, vasterbotten):
    create_demo_users()
    client.login(username="admin", password="demo-admin-2026")
    sub = SubPriority.objects.get(version=vasterbotten, code="dp-1.2")
    url = reverse("admin:strategy_subpriority_change", args=[sub.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    for key in ("sdg_goals", "sdg_targets", "framework_items"):
        data[key] = [str(x) for x in data.get(key) or []]
    data["goal"] = sub.goal + " (redigerad)"
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update({f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()})
        for i, f in enumerate(formset.forms):
            for name in f.fields:
                value = f[name].value()
                data[f"{formset.prefix}-{i}-{name}"] = "" if value is None else value
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    sub.refresh_from_db()
    assert sub.goal.endswith("(redigerad)")
    entry = LogEntry.objects.get(object_id=str(sub.pk))
    assert entry.user.username == "admin"
    message = entry.get_change_message().lower()
    assert "mål" in message or "goal" in message
    history = client.get(reverse("admin:strategy_subpriority_history", args=[sub.pk]))
    assert "admin" in history.content.decode()
