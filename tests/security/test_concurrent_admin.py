"""Two administrators editing the same strategy element: no lost update."""

from django.test import Client
from django.urls import reverse

from resultat.accounts.models import Role
from resultat.strategy.models import Challenge, SubPriority
from tests.factories import make_user


def admin_client(username):
    user = make_user(username, Role.ADMINISTRATOR)
    user.is_staff = user.is_superuser = True
    user.save()
    client = Client()
    client.force_login(user)
    return client


def form_data(page):
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    for key in ("sdg_goals", "sdg_targets", "framework_items"):
        data[key] = [str(x) for x in data.get(key) or []]
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update({f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()})
        for i, f in enumerate(formset.forms):
            for name in f.fields:
                value = f[name].value()
                data[f"{formset.prefix}-{i}-{name}"] = "" if value is None else value
    return data


def test_second_save_of_the_same_element_is_refused(vasterbotten):
    sub = SubPriority.objects.get(version=vasterbotten, code="dp-1.2")
    url = reverse("admin:strategy_subpriority_change", args=[sub.pk])
    ada, adam = admin_client("ada"), admin_client("adam")
    ada_form, adam_form = form_data(ada.get(url)), form_data(adam.get(url))
    assert ada_form["edit_fingerprint"] and ada_form["edit_fingerprint"] == adam_form["edit_fingerprint"]

    ada_form["goal"] = "Adas mål"
    assert ada.post(url, ada_form).status_code == 302
    adam_form["goal"] = "Adams mål"
    response = adam.post(url, adam_form)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Någon annan har sparat ändringar" in page and "ada" in page
    assert "Adams mål" in page  # his input is still in the form
    assert SubPriority.objects.get(pk=sub.pk).goal == "Adas mål"

    # after reloading he can save on top of her version
    fresh = form_data(adam.get(url))
    fresh["goal"] = "Adams mål"
    assert adam.post(url, fresh).status_code == 302
    assert SubPriority.objects.get(pk=sub.pk).goal == "Adams mål"


def test_a_change_to_an_inline_row_also_counts(vasterbotten):
    sub = SubPriority.objects.get(version=vasterbotten, code="dp-1.2")
    url = reverse("admin:strategy_subpriority_change", args=[sub.pk])
    ada = admin_client("ada")
    data = form_data(ada.get(url))
    Challenge.objects.filter(subpriority=sub).update(text="ändrad av någon annan")  # e.g. a strategy reload
    data["goal"] = "Adas mål"
    response = ada.post(url, data)
    assert response.status_code == 200 and "Någon annan har sparat" in response.content.decode()
    assert SubPriority.objects.get(pk=sub.pk).goal != "Adas mål"


def test_a_form_without_the_fingerprint_is_refused(vasterbotten):
    sub = SubPriority.objects.get(version=vasterbotten, code="dp-1.2")
    url = reverse("admin:strategy_subpriority_change", args=[sub.pk])
    ada = admin_client("ada")
    data = form_data(ada.get(url))
    del data["edit_fingerprint"]
    data["goal"] = "Utan fingeravtryck"
    assert ada.post(url, data).status_code == 200
    assert SubPriority.objects.get(pk=sub.pk).goal != "Utan fingeravtryck"


def test_adding_a_new_element_has_no_fingerprint(vasterbotten):
    ada = admin_client("ada")
    page = ada.get(reverse("admin:strategy_region_add"))
    assert page.status_code == 200 and "edit_fingerprint" not in page.content.decode()
