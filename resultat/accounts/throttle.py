"""Login throttling and lockout, per account name and per client address.

Every failed login counts against the account name that was tried (whether or not it
exists, so the lockout does not reveal which accounts exist) and against the client's
IP address. Within ``window`` seconds, ``account_limit`` failures lock the account
name and ``ip_limit`` failures block the address, each for ``lock_seconds``. A
successful login clears the account's counter. An administrator unlocks earlier with
the admin action "Lås upp" or ``resultat accounts unlock USER``.

Settings (``RESULTAT_LOGIN_THROTTLE``): account_limit, ip_limit, window, lock_seconds.

Public forms that store or send something (the accessibility report, the password
reset) are throttled per form and client address the same way (``take``): at most
``limit`` accepted posts per ``window`` seconds (``RESULTAT_FORM_THROTTLE``); the view
answers HTTP 429 with a message saying when to try again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from resultat.accounts.models import LoginThrottle

DEFAULTS = {"account_limit": 5, "ip_limit": 30, "window": 15 * 60, "lock_seconds": 15 * 60}
FORM_DEFAULTS = {"limit": 5, "window": 15 * 60}


def config() -> dict:
    return {**DEFAULTS, **getattr(settings, "RESULTAT_LOGIN_THROTTLE", {})}


def client_ip(request) -> str:
    """The client's address. Behind a reverse proxy REMOTE_ADDR is the proxy's; when it
    is one of ``RESULTAT_TRUSTED_PROXIES`` (env ``TRUSTED_PROXIES``), the address is the
    rightmost X-Forwarded-For entry that is not a trusted proxy (entries further left
    are written by the client and cannot be believed)."""
    if request is None:
        return ""
    remote = request.META.get("REMOTE_ADDR") or ""
    trusted = set(getattr(settings, "RESULTAT_TRUSTED_PROXIES", ()))
    if remote in trusted:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
        for hop in reversed(hops):
            if hop not in trusted:
                return hop[:64]
    return remote[:64]


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


def _rows(username: str, ip: str):
    """The throttle rows of this attempt, locked for update (created when missing)."""
    cfg = config()
    pairs = [(LoginThrottle.Kind.ACCOUNT, _account_key(username), cfg["account_limit"])]
    if ip:
        pairs.append((LoginThrottle.Kind.IP, ip, cfg["ip_limit"]))
    now = timezone.now()
    rows = []
    for kind, key, limit in pairs:
        try:
            with transaction.atomic():  # two first attempts may race to create the row
                row, _ = LoginThrottle.objects.select_for_update().get_or_create(kind=kind, key=key, defaults={"window_start": now})
        except IntegrityError:
            row = LoginThrottle.objects.select_for_update().get(kind=kind, key=key)
        if row.window_start < now - timedelta(seconds=cfg["window"]) and not (row.locked_until and row.locked_until > now):
            row.window_start, row.failures = now, 0
        rows.append((row, limit))
    return rows, now, cfg


@transaction.atomic
def reserve(username: str, ip: str) -> Lock | None:
    """Count this attempt *before* its password is checked, or refuse it if the account
    name or address is locked. Counting first means parallel attempts cannot all pass
    the check while the slow password hash runs: at most ``account_limit`` attempts per
    window ever reach it. A successful login gives the attempt back (``release``)."""
    rows, now, cfg = _rows(username, ip)
    for row, _limit in rows:
        if row.locked_until and row.locked_until > now:
            return Lock(row.kind, row.locked_until)
    for row, limit in rows:
        row.failures += 1
        row.last_failure = now
        if row.failures >= limit:
            row.locked_until = now + timedelta(seconds=cfg["lock_seconds"])
        row.save()
    return None


@transaction.atomic
def release(username: str, ip: str) -> None:
    """The reserved attempt succeeded: clear the account's counter and give the
    address its attempt back (an office behind one address is not locked out by its
    own successful logins)."""
    record_success(username)
    if ip:
        row = LoginThrottle.objects.select_for_update().filter(kind=LoginThrottle.Kind.IP, key=ip).first()
        if row and row.failures > 0:
            row.failures -= 1
            if row.failures < config()["ip_limit"]:
                row.locked_until = None
            row.save()


@transaction.atomic
def record_failure(username: str, ip: str) -> None:
    """Count a failed attempt that was not reserved (a login outside the backend)."""
    rows, now, cfg = _rows(username, ip)
    for row, limit in rows:
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


def form_config() -> dict:
    return {**FORM_DEFAULTS, **getattr(settings, "RESULTAT_FORM_THROTTLE", {})}


@transaction.atomic
def take(form: str, ip: str):
    """Count one accepted post of the public form ``form`` from address ``ip``. Returns
    None when it may go ahead, else the time the address may post again. The row is
    locked for update, so parallel posts cannot all pass."""
    cfg = form_config()
    key = f"{form}:{ip or '-'}"[:150]
    now = timezone.now()
    try:
        with transaction.atomic():  # two first posts may race to create the row
            row, _ = LoginThrottle.objects.select_for_update().get_or_create(kind=LoginThrottle.Kind.FORM, key=key, defaults={"window_start": now})
    except IntegrityError:
        row = LoginThrottle.objects.select_for_update().get(kind=LoginThrottle.Kind.FORM, key=key)
    if row.window_start <= now - timedelta(seconds=cfg["window"]):
        row.window_start, row.failures, row.locked_until = now, 0, None
    if row.failures >= cfg["limit"]:
        row.locked_until = row.window_start + timedelta(seconds=cfg["window"])
        row.save(update_fields=["locked_until", "window_start", "failures"])
        return row.locked_until
    row.failures += 1
    row.last_failure = now
    row.save()
    return None


def too_many_message(until) -> str:
    """The Swedish (translatable) message for a throttled form post."""
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _

    return _("För många försök från din adress. Vänta till %(time)s och försök igen; inget har skickats.") % {
        "time": date_format(timezone.localtime(until), "H:i")}

