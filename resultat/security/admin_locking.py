"""Optimistic locking for admin change forms: no silent lost update.

The change form carries a fingerprint (SHA-256) of the object as it was when the
form was shown: its fields, its many-to-many links and the rows of its inlines.
On save the fingerprint is recomputed from the database with the row locked
(``select_for_update`` inside the admin's transaction; on SQLite the IMMEDIATE
transaction serialises writers). If someone saved in between, the form is shown
again with the user's input and an error naming who changed it last, and nothing is
written. No model field is needed, so any ModelAdmin can use the mixin.
"""

from __future__ import annotations

import hashlib

from django import forms
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.forms.models import _get_foreign_key
from django.utils.translation import gettext as _

FIELD = "edit_fingerprint"


class OptimisticLockMixin:
    def edit_fingerprint(self, pk, lock: bool = False) -> str:
        manager = self.model._default_manager
        obj = (manager.select_for_update() if lock else manager).get(pk=pk)
        digest = hashlib.sha256(serializers.serialize("json", [obj]).encode())
        for inline in self.inlines:
            fk = _get_foreign_key(self.model, inline.model, fk_name=getattr(inline, "fk_name", None))
            rows = inline.model._default_manager.filter(**{fk.name: obj}).order_by("pk")
            digest.update(serializers.serialize("json", rows).encode())
        return digest.hexdigest()

    def get_form(self, request, obj=None, change=False, **kwargs):
        if kwargs.get("fields"):
            kwargs["fields"] = [f for f in kwargs["fields"] if f != FIELD]
        base = super().get_form(request, obj, change=change, **kwargs)
        admin = self

        class LockedForm(base):
            edit_fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)

            def __init__(self, *args, **kw):
                super().__init__(*args, **kw)
                if self.instance.pk and not self.is_bound:
                    self.fields[FIELD].initial = admin.edit_fingerprint(self.instance.pk)

            def clean(self):
                data = super().clean()
                if self.instance.pk:
                    posted = self.data.get(self.add_prefix(FIELD), "")
                    current = admin.edit_fingerprint(self.instance.pk, lock=True)
                    if posted != current:
                        raise forms.ValidationError(admin.conflict_message(self.instance), code="conflict")
                    # the next form shown (after "save and continue") gets the new state
                return data

        return LockedForm

    def conflict_message(self, obj) -> str:
        last = (
            LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(self.model), object_id=str(obj.pk))
            .select_related("user").order_by("-action_time").first()
        )
        who = _(" av %(user)s %(time)s") % {"user": last.user, "time": last.action_time.strftime("%Y-%m-%d %H:%M")} if last else ""
        return _(
            "Någon annan har sparat ändringar i det här objektet%(who)s efter att du öppnade formuläret. "
            "Inget av det du skrev har sparats. Öppna sidan på nytt för att se den nya versionen och gör om dina ändringar."
        ) % {"who": who}

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        named = {f for _, opts in fieldsets for f in _flatten(opts.get("fields", ()))}
        editable = obj is not None and self.has_change_permission(request, obj)
        if editable and FIELD not in named:
            fieldsets.append((None, {"fields": [FIELD], "classes": ["hidden"]}))
        elif not editable and FIELD in named:
            # add forms and view-only pages carry no fingerprint
            fieldsets = [(n, {**o, "fields": [f for f in o["fields"] if f != FIELD]}) for n, o in fieldsets]
        return fieldsets


def _flatten(fields):
    for f in fields:
        if isinstance(f, (list, tuple)):
            yield from f
        else:
            yield f
