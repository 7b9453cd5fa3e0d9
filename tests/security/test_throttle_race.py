"""Parallel login attempts cannot get more password checks than the limit allows.

Simulated deterministically: while the first attempt's password is being checked,
seven more attempts for the same account come in (nested calls), as they would from
parallel requests during the slow Argon2 hash. Only the first five may reach the hash.
"""

from django.contrib.auth.backends import ModelBackend
from django.test import RequestFactory, override_settings

from resultat.accounts import throttle
from resultat.accounts.backends import ThrottledModelBackend


def test_parallel_attempts_are_counted_before_the_password_check(db, monkeypatch):
    checks = []
    backend = ThrottledModelBackend()
    factory = RequestFactory()
    original = ModelBackend.authenticate

    def slow_check(self, request, username=None, password=None, **kwargs):
        checks.append(username)
        if len(checks) == 1:  # the other attempts arrive while this one is hashing
            for _ in range(7):
                try:
                    backend.authenticate(factory.post("/konto/logga-in/", REMOTE_ADDR="10.0.0.9"), username="ada", password="fel")
                except Exception:
                    pass
        return original(self, request, username=username, password=password, **kwargs)

    monkeypatch.setattr(ModelBackend, "authenticate", slow_check)
    with override_settings(RESULTAT_LOGIN_THROTTLE={"account_limit": 5, "ip_limit": 100, "window": 900, "lock_seconds": 900}):
        backend.authenticate(factory.post("/konto/logga-in/", REMOTE_ADDR="10.0.0.9"), username="ada", password="fel")
        assert len(checks) == 5
        assert throttle.current_lock("ada", "") is not None


def test_successful_logins_give_the_address_its_attempt_back(client, db):
    from tests.factories import make_user
    user = make_user("bo", "editor")
    user.set_password("ett-langt-losenord-2026")
    user.save()
    with override_settings(RESULTAT_LOGIN_THROTTLE={"account_limit": 5, "ip_limit": 3, "window": 900, "lock_seconds": 900}):
        for _ in range(5):  # more successful logins than the address limit
            response = client.post("/konto/logga-in/", {"username": "bo", "password": "ett-langt-losenord-2026"}, REMOTE_ADDR="10.0.0.7")
            assert response.status_code == 302
            client.logout()
        assert throttle.current_lock("bo", "10.0.0.7") is None


def test_client_address_behind_a_trusted_proxy():
    factory = RequestFactory()
    with override_settings(RESULTAT_TRUSTED_PROXIES=["127.0.0.1"]):
        via_proxy = factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.4")
        assert throttle.client_ip(via_proxy) == "198.51.100.4"  # the client-written 6.6.6.6 is not believed
        other = factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.5")
        assert throttle.client_ip(other) == "198.51.100.5"  # two visitors behind one proxy stay apart
        direct = factory.get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.4")
        assert throttle.client_ip(direct) == "203.0.113.9"  # not from the proxy: the header is ignored
    with override_settings(RESULTAT_TRUSTED_PROXIES=[]):
        assert throttle.client_ip(factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.4")) == "127.0.0.1"
