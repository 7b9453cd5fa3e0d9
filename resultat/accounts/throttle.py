"""Login throttling and lockout, per account name and per client address.

Every failed login counts against the account name that was tried (whether or not it
exists, so the lockout does not reveal which accounts exist) and against the client's
IP address. Within ``window`` seconds, ``account_limit`` failures lock the account
name and ``ip_limit`` failures block the address, each for ``lock_seconds``. A
successful login clears the account's counter. An administrator unlocks earlier with
the admin action "Lås upp" or ``resultat accounts unlock USER``.

Settings (``RESULTAT_LOGIN_THROTTLE``): account_limit, ip_limit, window, lock_seconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from resultat.accounts.models import LoginThrottle

DEFAULTS = {"account_limit": 5, "ip_limit": 30, "window": 15 * 60, "lock_seconds": 15 * 60}


def config() -> dict:
    return {**DEFAULTS, **getattr(settings, "RESULTAT_LOGIN_THROTTLE", {})}


def client_ip(request) -> str:
    """The client's address. Behind a TLS proxy gunicorn's REMOTE_ADDR is the proxy's
    unless the proxy is trusted (``forwarded_allow_ips``); see docs/security.md."""
    if request is None:
        return ""
    return (request.META.get("REMOTE_ADDR") or "")[:64]


def _account_key(username: str) -> str:
    return (username or "").strip().casefold()[:150]


@dataclass(frozen=True)
class Lock:
    kind: str  # "account" or "ip"
    until: object


def current_lock(username: str, ip: str) -> Lock | None:
    now = timezone.now()
    keys = [(LoginThrottle.Kind.ACCOUNT, _account_key(username))]
    if ip:
        keys.append((LoginThrottle.Kind.IP, ip))
    for kind, key in keys:
        row = LoginThrottle.objects.filter(kind=kind, key=key, locked_until__gt=now).first()
        if row:
            return Lock(kind, row.locked_until)
    return None


@transaction.atomic
def record_failure(username: str, ip: str) -> None:
    cfg = config()
    now = timezone.now()
    pairs = [(LoginThrottle.Kind.ACCOUNT, _account_key(username), cfg["account_limit"])]
    if ip:
        pairs.append((LoginThrottle.Kind.IP, ip, cfg["ip_limit"]))
    for kind, key, limit in pairs:
        row, _ = LoginThrottle.objects.select_for_update().get_or_create(kind=kind, key=key, defaults={"window_start": now})
        if row.window_start < now - timedelta(seconds=cfg["window"]) and not (row.locked_until and row.locked_until > now):
            row.window_start, row.failures = now, 0
        row.failures += 1
        row.last_failure = now
        if row.failures >= limit:
            row.locked_until = now + timedelta(seconds=cfg["lock_seconds"])
        row.save()


def record_success(username: str) -> None:
    LoginThrottle.objects.filter(kind=LoginThrottle.Kind.ACCOUNT, key=_account_key(username)).delete()


def unlock(username: str) -> bool:
    """Clear the account's failures and lock; True if there was anything to clear."""
    deleted, _ = LoginThrottle.objects.filter(kind=LoginThrottle.Kind.ACCOUNT, key=_account_key(username)).delete()
    return bool(deleted)


def unlock_ip(ip: str) -> bool:
    deleted, _ = LoginThrottle.objects.filter(kind=LoginThrottle.Kind.IP, key=ip).delete()
    return bool(deleted)


def locked_accounts():
    return LoginThrottle.objects.filter(kind=LoginThrottle.Kind.ACCOUNT, locked_until__gt=timezone.now())
