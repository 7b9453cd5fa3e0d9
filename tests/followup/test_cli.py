from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from resultat.followup.models import Cycle


def run(*args) -> str:
    out = StringIO()
    call_command("cycle", *args, stdout=out)
    return out.getvalue()


def test_cycle_commands(structure, people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert "176 bidrag" in run("open", "2026", "--submit-by", "2027-01-31")
    assert "2026" in run("list")
    status = run("status", "2026")
    assert "Totalt" in status and "176" in status
    assert "påminnelser skickade" in run("remind", "2026")
    assert "låst" in run("lock", "2026", "--reason", "test")
    assert "publicerad: 0 bidrag" in run("publish", "2026", "--reason", "test")
    assert "öppen igen" in run("reopen", "2026", "--reason", "test")
    assert Cycle.objects.get(year=2026).state == Cycle.State.OPEN


def test_cycle_command_errors(structure):
    with pytest.raises(CommandError, match="Ogiltigt datum"):
        run("open", "2026", "--submit-by", "31/1")
    run("open", "2026")
    with pytest.raises(CommandError, match="finns redan"):
        run("open", "2026")
    with pytest.raises(CommandError, match="Ingen uppföljningscykel"):
        run("lock", "2031")
