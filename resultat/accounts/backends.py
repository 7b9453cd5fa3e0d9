"""Authentication backends: the model backend behind the login throttle."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver

from resultat.accounts import throttle


class ThrottledModelBackend(ModelBackend):
    """Refuses every password check for a locked account name or a blocked address.

    Raising PermissionDenied stops Django's ``authenticate`` from trying other
    backends and sends ``user_login_failed``, which is counted below. The login
    view and the admin login both go through here.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(self.get_user_model_username_field())
        if username is not None and password is not None:
            ip = throttle.client_ip(request)
            lock = throttle.reserve(username, ip)  # counted before the slow password check
            if request is not None:
                request.login_lock = lock
                request.login_reserved = (username, ip)
            if lock is not None:
                raise PermissionDenied("locked")
        return super().authenticate(request, username=username, password=password, **kwargs)

    @staticmethod
    def get_user_model_username_field():
        from django.contrib.auth import get_user_model

        return get_user_model().USERNAME_FIELD


@receiver(user_login_failed)
def _count_failure(sender, credentials, request=None, **kwargs):
    if request is not None and hasattr(request, "login_reserved"):
        return  # already counted by reserve() (or refused because locked)
    throttle.record_failure(credentials.get("username", ""), throttle.client_ip(request))


@receiver(user_logged_in)
def _clear_failures(sender, request, user, **kwargs):
    reserved = getattr(request, "login_reserved", None) if request is not None else None
    if reserved is not None:
        throttle.release(user.get_username(), reserved[1])
    else:
        throttle.record_success(user.get_username())
