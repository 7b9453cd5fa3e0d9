"""Login throttling, lockout and the administrator's unlock path."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from resultat.accounts import throttle
from resultat.accounts.models import LoginThrottle, Role, User
from tests.factories import make_user

LIMITS = {"account_limit": 3, "ip_limit": 6, "window": 900, "lock_seconds": 900}


def login(client, username, password, ip="10.0.0.1"):
    return client.post(reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.fixture
def user(db):
    user = make_user("ebba", Role.EDITOR)
    user.set_password("ett-riktigt-bra-losen")
    user.save()
    return user


@override_settings(RESULTAT_LOGIN_THROTTLE=LIMITS)
def test_account_locks_after_repeated_failures_even_with_the_right_password(client, user):
    for _ in range(3):
        assert "Fel användarnamn" in login(client, "ebba", "fel").content.decode()
    response = login(client, "ebba", "ett-riktigt-bra-losen")
    assert response.status_code == 200
    assert "För många misslyckade inloggningar" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # another address does not help: the lock is on the account
    assert "_auth_user_id" not in login(client, "ebba", "ett-riktigt-bra-losen", ip="10.9.9.9").wsgi_request.session


@override_settings(RESULTAT_LOGIN_THROTTLE=LIMITS)
def test_lock_ends_after_its_time(client, user):
    for _ in range(3):
        login(client, "ebba", "fel")
    LoginThrottle.objects.filter(kind="account").update(locked_until=timezone.now() - timedelta(seconds=1))
    response = login(client, "ebba", "ett-riktigt-bra-losen")
    assert response.status_code == 302
    assert not LoginThrottle.objects.filter(kind="account", key="ebba").exists()


@override_settings(RESULTAT_LOGIN_THROTTLE=LIMITS)
def test_success_resets_the_account_counter(client, user):
    login(client, "ebba", "fel")
    login(client, "ebba", "fel")
    assert login(client, "ebba", "ett-riktigt-bra-losen").status_code == 302
    client.logout()
    login(client, "ebba", "fel")
    login(client, "ebba", "fel")
    assert login(client, "ebba", "ett-riktigt-bra-losen").status_code == 302


@override_settings(RESULTAT_LOGIN_THROTTLE=LIMITS)
def test_unknown_account_names_lock_the_same_way(client, db):
    for _ in range(3):
        login(client, "finns-inte", "fel")
    assert "För många" in login(client, "FINNS-INTE", "fel").content.decode()


@override_settings(RESULTAT_LOGIN_THROTTLE=LIMITS)
def test_one_address_trying_many_accounts_is_blocked(client, user):
    for i in range(6):
        login(client, f"gissning{i}", "fel", ip="192.0.2.7")
    response = login(client, "ebba", "ett-riktigt-bra-losen", ip="192.0.2.7")
    assert "För många" in response.content.decode()
    assert login(client, "ebba", "ett-riktigt-bra-losen", ip="192.0.2.8").status_code == 302


@override_settings(RESULTAT_LOGIN_THROTTLE=LIMITS)
def test_admin_login_is_throttled_too(client, db):
    admin = make_user("ada", Role.ADMINISTRATOR)
    admin.is_staff = True
    admin.set_password("admin-losenord-langt")
    admin.save()
    for _ in range(3):
        client.post(reverse("admin:login"), {"username": "ada", "password": "fel"}, REMOTE_ADDR="10.0.0.2")
    correct = {"username": "ada", "password": "admin-losenord-langt"}
    client.post(reverse("admin:login"), correct, REMOTE_ADDR="10.0.0.2")
    assert "_auth_user_id" not in client.session
    lock = throttle.current_lock("ada", "10.0.0.2")
    assert lock is not None and lock.kind == "account"
    assert LoginThrottle.objects.get(kind="account", key="ada").locked_until > timezone.now()
    # control: once unlocked, the very same request logs in
    assert throttle.unlock("ada")
    assert throttle.current_lock("ada", "10.0.0.2") is None
    response = client.post(reverse("admin:login"), correct, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(admin.pk)


@override_settings(RESULTAT_LOGIN_THROTTLE=LIMITS)
def test_unlock_command(client, user, capsys):
    for _ in range(3):
        login(client, "ebba", "fel")
    assert throttle.current_lock("ebba", "") is not None
    call_command("accounts", "locked")
    assert "ebba" in capsys.readouterr().out
    call_command("accounts", "unlock", "ebba")
    assert "upplåst" in capsys.readouterr().out
    assert login(client, "ebba", "ett-riktigt-bra-losen").status_code == 302


@override_settings(RESULTAT_LOGIN_THROTTLE=LIMITS)
def test_unlock_admin_action(client, user):
    for _ in range(3):
        login(client, "ebba", "fel", ip="10.0.0.3")
    admin = make_user("ada", Role.ADMINISTRATOR)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    changelist = reverse("admin:accounts_user_changelist")
    assert client.get(changelist).status_code == 200
    response = client.post(changelist, {"action": "unlock_logins", "_selected_action": [user.pk]}, follow=True)
    assert "upplåst" in response.content.decode()
    assert throttle.current_lock("ebba", "") is None
    client.logout()
    assert login(client, "ebba", "ett-riktigt-bra-losen", ip="10.0.0.4").status_code == 302


def test_default_limits_lock_after_five(client, user):
    for _ in range(5):
        login(client, "ebba", "fel")
    assert "För många" in login(client, "ebba", "ett-riktigt-bra-losen").content.decode()
    assert User.objects.get(username="ebba").is_active  # a lock, not a deactivation
