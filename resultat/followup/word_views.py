"""Pages of the Word exchange: download a unit's document (analysts: all as a zip),
upload an edited one, preview what it changes, confirm all at once."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.uploadhandler import SkipFile, TemporaryFileUploadHandler
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from resultat.core.textdiff import diff_html
from resultat.followup import permissions, selectors, services
from resultat.followup import wordexchange as wx
from resultat.followup.models import Cycle, Unit

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _open_cycle(year: int) -> Cycle:
    cycle = selectors.cycles().filter(year=year, state__in=wx.OPEN_CYCLE_STATES).first()
    if cycle is None:
        raise Http404(_("Ingen öppen uppföljning för året"))
    return cycle


def _home_context(request: HttpRequest, error: str = "") -> dict:
    cycles = [c for c in selectors.cycles() if c.state in wx.OPEN_CYCLE_STATES]
    return {
        "rows": [(cycle, wx.units_for(request.user, cycle)) for cycle in cycles],
        "is_analyst": permissions.is_analyst(request.user),
        "max_mb": wx.MAX_UPLOAD_BYTES // (1024 * 1024),
        "error": error,
    }


@login_required
def word_home(request: HttpRequest) -> HttpResponse:
    return render(request, "followup/word.html", _home_context(request))


@login_required
def word_download(request: HttpRequest, year: int, unit: str) -> HttpResponse:
    cycle = _open_cycle(year)
    unit_obj = get_object_or_404(Unit, code=unit)
    if not wx.may_download(request.user, unit_obj):
        raise PermissionDenied
    try:
        data = wx.export_document(cycle, unit_obj, request.user)
    except wx.WordExchangeError as exc:
        messages.error(request, str(exc))
        return redirect("followup:word")
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{wx.filename(cycle, unit_obj)}"'
    return response


@login_required
def word_zip(request: HttpRequest, year: int) -> HttpResponse:
    if not permissions.is_analyst(request.user):
        raise PermissionDenied
    cycle = _open_cycle(year)
    response = HttpResponse(wx.export_zip(cycle, request.user), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="resultat-{cycle.year}-word.zip"'
    return response


class _LimitedUpload(TemporaryFileUploadHandler):
    """Stops keeping an uploaded file once it passes the limit (nothing larger is stored)."""

    def __init__(self, request=None, limit: int | None = None):
        super().__init__(request)
        self.limit = limit or wx.MAX_UPLOAD_BYTES
        self.received = 0
        self.too_large = False

    def new_file(self, *args, **kwargs):
        self.received = 0
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.too_large = True
            raise SkipFile
        return super().receive_data_chunk(raw_data, start)


@csrf_exempt  # the upload handler must be set before the CSRF check reads the body; checked below
@login_required
def word_upload(request: HttpRequest) -> HttpResponse:
    handler = _LimitedUpload(request)
    try:
        request.upload_handlers = [handler]
    except AttributeError:  # a middleware has read the body already: the size check below still refuses
        pass
    return _word_upload(request, handler)


@csrf_protect
@require_POST
def _word_upload(request: HttpRequest, handler: _LimitedUpload) -> HttpResponse:
    upload = request.FILES.get("document")
    error = ""
    if handler.too_large:
        error = _("Filen är för stor; högst %(max)s MB tas emot.") % {"max": wx.MAX_UPLOAD_BYTES // (1024 * 1024)}
    elif upload is None:
        error = _("Välj ett Word-dokument att ladda upp.")
    elif upload.size > wx.MAX_UPLOAD_BYTES:
        error = _("Filen är för stor (%(mb).1f MB); högst %(max)s MB tas emot.") % {"mb": upload.size / 1e6, "max": wx.MAX_UPLOAD_BYTES // (1024 * 1024)}
    else:
        try:
            preview = wx.preview_upload(upload.read(wx.MAX_UPLOAD_BYTES + 1), request.user)
        except wx.WordExchangeError as exc:
            error = str(exc)
        else:
            return render(request, "followup/word_preview.html", {"preview": preview, "filename": upload.name})
    return render(request, "followup/word.html", _home_context(request, error), status=422)


@login_required
@require_POST
def word_confirm(request: HttpRequest) -> HttpResponse:
    try:
        saved = wx.confirm(request.POST.get("token", ""), request.user)
    except services.EditConflict as conflict:
        current = conflict.contribution
        return render(request, "followup/word_conflict.html", {"c": current, "message": str(conflict), "diff": diff_html(current.body, conflict.body)}, status=409)
    except (wx.WordExchangeError, services.FollowupError, PermissionDenied) as exc:
        return render(request, "followup/word.html", _home_context(request, str(exc) or _("Du kan inte redigera det här bidraget.")), status=422)
    messages.success(request, _("%(n)s bidrag sparades från Word-dokumentet som nya versioner.") % {"n": len(saved)})
    if len(saved) == 1:
        return redirect("followup:contribution", saved[0].pk)
    return redirect("followup:my_tasks")



