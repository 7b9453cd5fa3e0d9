"""Every URL pattern of the project has an entry in the authorisation table, and every
role gets exactly what the table says (tests/security/access_table.py)."""

from __future__ import annotations

import re
from types import SimpleNamespace
from urllib.parse import urlparse

import pytest
from django.contrib import admin
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.plugins.snapshots import replay
from tests.security import access_table as table
from tests.security import scenario

LOGIN_PATHS = ("/konto/logga-in/", "/admin/login/")


def walk(patterns, prefix: str = "", namespace: str | None = None):
    """(full name or route, route, pattern) for every URL pattern, through includes."""
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = ":".join(filter(None, [namespace, p.namespace])) or None
            yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            route = prefix + str(p.pattern)
            short = p.name or f"<utan namn: {route}>"
            name = f"{namespace}:{short}" if namespace else short
            yield name, route, p


def project_patterns() -> dict[str, str]:
    return {name: route for name, route, _ in walk(get_resolver().url_patterns)}


def test_every_url_pattern_has_an_entry():
    patterns = project_patterns()
    missing = sorted(n for n in patterns if n not in table.TABLE and not n.startswith(table.ADMIN_NAMESPACE + ":"))
    stale = sorted(n for n in table.TABLE if n not in patterns)
    assert not missing, "URL-mönster utan rad i tests/security/access_table.py:\n" + "\n".join(
        f"  {n}  ({patterns[n]})" for n in missing
    )
    assert not stale, "Rader i access_table.py för mönster som inte finns:\n" + "\n".join(f"  {n}" for n in stale)


def test_table_names_every_role_in_every_case():
    for name, cases in table.TABLE.items():
        for case in cases:
            assert set(case.expect) == set(table.ROLES), name


def _resolve(value, s):
    if isinstance(value, str) and value.startswith("@"):
        obj_name, _, attr = value[1:].partition(".")
        obj = getattr(s, obj_name)
        if attr:
            return getattr(obj, attr)
        return obj if isinstance(obj, (str, int)) else obj.pk
    return value


def outcome(response) -> str:
    if response.status_code in (301, 302, 303):
        location = urlparse(response["Location"]).path
        return table.LOGIN if location.startswith(LOGIN_PATHS) else table.OK
    if response.status_code in (200, 409, 422):
        return table.OK
    if response.status_code in (403, 404):
        return table.DENIED
    return f"status {response.status_code}"


def admin_cases(s):
    """(label, method, url, expectation) for the admin namespace rule."""
    cases = []
    for name, route, pattern in walk(get_resolver().url_patterns):
        if not name.startswith("admin:"):
            continue
        short = name.split(":", 1)[1]
        if pattern.pattern.regex.groups == 0 and not re.search(r"<", route):
            app_label = short.split("_", 1)[0] if "_" in short else None
            method = "POST" if short == "logout" else "GET"
            cases.append((name, method, reverse(name), table.admin_expectation(short, app_label)))
    for app_label in sorted({m._meta.app_label for m in admin.site._registry}):
        cases.append((f"admin:app_list {app_label}", "GET", reverse("admin:app_list", args=[app_label]),
                      table.admin_expectation("app_list", app_label)))
    for model, obj in ((type(s.editor_a), s.editor_a), (type(s.open_cycle.version), s.open_cycle.version)):
        meta = model._meta
        if model in admin.site._registry:
            for view in ("change", "history", "delete"):
                name = f"admin:{meta.app_label}_{meta.model_name}_{view}"
                cases.append((name, "GET", reverse(name, args=[obj.pk]), table.admin_expectation(name.split(":")[1], meta.app_label)))
    return cases


def _request(client, method, url, data, headers):
    with transaction.atomic():
        response = getattr(client, method.lower())(url, data, headers=headers)
        transaction.set_rollback(True)  # every request starts from the same data
    return response


@pytest.fixture
def world(db):
    # Built once per process (or run), its rows replayed for the other roles
    # (tests/plugins/snapshots.py): each role starts from the same scenario.
    return SimpleNamespace(**replay("security-scenario", lambda: vars(scenario.build())))


@pytest.mark.parametrize("role", table.ROLES)
def test_each_role_gets_what_the_table_says(world, provider, role):
    s = world
    user = getattr(s, role)

    def fresh_client():
        # a new session per request: a logout or password change cannot leak into the next case
        client = Client(REMOTE_ADDR="127.0.0.9")
        if user is not None:
            client.force_login(user)
        return client

    wrong = []
    with override_settings(RESULTAT_OIDC=provider.settings(), RESULTAT_LOGIN_THROTTLE={"account_limit": 10**6, "ip_limit": 10**6, "window": 1, "lock_seconds": 1}):
        for name, cases in table.TABLE.items():
            for case in cases:
                kwargs = {k: _resolve(v, s) for k, v in case.kwargs.items()}
                url = reverse(name, kwargs=kwargs)
                data = {k: _resolve(v, s) for k, v in case.data.items()}
                response = _request(fresh_client(), case.method, url, data, case.headers)
                got, want = outcome(response), case.expect[role]
                if got != want:
                    wrong.append(f"{name} {case.method} {url} {case.note}: väntat {want}, fick {got} ({response.status_code})")
        for label, method, url, expect in admin_cases(s):
            response = _request(fresh_client(), method, url, {}, {})
            if outcome(response) != expect[role]:
                wrong.append(f"{label} {method} {url}: väntat {expect[role]}, fick {outcome(response)} ({response.status_code})")
    assert not wrong, f"Rollen {role}:\n" + "\n".join(wrong)


def test_a_new_view_without_an_entry_fails_with_its_name():
    with override_settings(ROOT_URLCONF="tests.security.urls_with_new_view"):
        with pytest.raises(AssertionError) as failure:
            test_every_url_pattern_has_an_entry()
    message = str(failure.value)
    assert "new_view_without_entry  (ny-vy/)" in message
    assert "followup:contribution" not in message.split("\n", 1)[1].split("assert")[0]
