"""Argon2, the password rules and password reset by e-mail."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from resultat.accounts.models import Role
from tests.factories import make_user


@pytest.mark.parametrize("password", ["kort-1", "123456789012345", "password1234", "ebbaebbaebba"])
def test_weak_passwords_are_refused(db, password):
    user = make_user("ebbaebba", Role.EDITOR)
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_good_password_passes_and_is_stored_with_argon2(db):
    user = make_user("ebba", Role.EDITOR)
    validate_password("Lingon och hjortron 7", user)
    user.set_password("Lingon och hjortron 7")
    user.save()
    assert user.password.startswith("argon2$argon2id$")


def test_password_reset_by_email(client, db):
    user = make_user("ebba", Role.EDITOR)
    response = client.get(reverse("accounts:login"))
    assert reverse("accounts:password_reset") in response.content.decode()
    response = client.post(reverse("accounts:password_reset"), {"email": "ebba@example.invalid"})
    assert response.status_code == 302 and response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Återställ ditt lösenord i Resultat"
    assert "ebba" in message.body
    link = re.search(r"https?://[^/\s]+(/konto/aterstall/[^\s]+/)", message.body).group(1)
    form = client.get(link, follow=True)
    assert "Välj nytt lösenord" in form.content.decode()
    set_url = form.redirect_chain[-1][0]
    weak = client.post(set_url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert weak.status_code == 200 and "error" in weak.content.decode()
    done = client.post(set_url, {"new_password1": "Lingon och hjortron 7", "new_password2": "Lingon och hjortron 7"})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Lingon och hjortron 7")
    again = client.get(link, follow=True)
    assert "ogiltig" in again.content.decode()  # the link works once


def test_unknown_address_gives_the_same_answer_and_no_mail(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "okand@example.invalid"})
    assert response.status_code == 302 and response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_password_change_requires_login(client, db):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302 and reverse("accounts:login") in response.url
