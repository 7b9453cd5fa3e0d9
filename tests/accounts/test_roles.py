import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from resultat.accounts.models import Role, User
from resultat.accounts.services import DEMO_USERS, create_demo_users


def test_roles_exist_after_migrate(db):
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)


def test_demo_users_have_one_role_each_and_argon2_passwords(db):
    create_demo_users()
    for demo in DEMO_USERS:
        user = User.objects.get(username=demo.username)
        assert user.roles == {demo.role}
        assert user.password.startswith("argon2")
        assert user.check_password(demo.password)
    assert User.objects.get(username="admin").is_superuser
    assert not User.objects.get(username="redaktor").is_staff


def test_demo_users_twice_is_idempotent(db):
    create_demo_users()
    create_demo_users()
    assert User.objects.count() == len(DEMO_USERS)


@override_settings(DEV=False, DEBUG=False)
def test_no_demo_users_in_production(db):
    with pytest.raises(ImproperlyConfigured):
        create_demo_users()
    assert User.objects.count() == 0


def test_demo_logins_are_printed(db, capsys):
    call_command("demo", "logins")
    out = capsys.readouterr().out
    for demo in DEMO_USERS:
        assert demo.username in out and demo.password in out


def test_login_and_admin_history(client, db):
    create_demo_users()
    response = client.post(reverse("accounts:login"), {"username": "analytiker", "password": "fel"})
    assert response.status_code == 200 and "Fel användarnamn" in response.content.decode()
    response = client.post(reverse("accounts:login"), {"username": "admin", "password": "demo-admin-2026"})
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_editor_cannot_reach_admin(client, db):
    create_demo_users()
    client.login(username="redaktor", password="demo-redaktor-2026")
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_accounts_create_makes_a_login_with_one_role(db, monkeypatch, capsys):
    import io

    from django.core.management import CommandError, call_command

    from resultat.accounts.models import Role, User

    monkeypatch.setattr("sys.stdin", io.StringIO("ett-långt-lösenord-för-admin\n"))
    call_command("accounts", "create", "forsta", "--role", Role.ADMINISTRATOR, "--email", "a@example.invalid", "--name", "Första Admin", "--password-stdin")
    user = User.objects.get(username="forsta")
    assert user.is_superuser and user.is_staff and user.check_password("ett-långt-lösenord-för-admin")
    assert list(user.groups.values_list("name", flat=True)) == [Role.ADMINISTRATOR]
    assert (user.first_name, user.last_name) == ("Första", "Admin")

    monkeypatch.setattr("sys.stdin", io.StringIO("kort\n"))
    with pytest.raises(CommandError, match="Inget skapades"):
        call_command("accounts", "create", "svag", "--role", Role.EDITOR, "--password-stdin")
    monkeypatch.setattr("sys.stdin", io.StringIO("ett-annat-långt-lösenord\n"))
    with pytest.raises(CommandError, match="finns redan"):
        call_command("accounts", "create", "FORSTA", "--role", Role.EDITOR, "--password-stdin")
    assert User.objects.count() == 1
