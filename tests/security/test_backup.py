"""Backup and restore round trip: every row of every table and every file equal."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from resultat.accounts.models import Role, User
from resultat.reference import services as reference_services
from resultat.reference.models import SdgGoal
from resultat.security import backup
from tests.factories import make_user
from tests.plugins.ci_strict import postgres_run


@pytest.fixture
def media():
    root = Path(settings.MEDIA_ROOT)
    (root / "rapporter").mkdir(parents=True, exist_ok=True)
    (root / "rapporter" / "2025.pdf").write_bytes(b"%PDF-1.7 " + bytes(range(256)) * 40)
    (root / "bild åäö.png").write_bytes(b"\x89PNG\r\n" + b"\x00" * 100)
    yield root


def test_round_trip_restores_every_row_and_file(transactional_db, media, tmp_path, capsys):
    reference_services.load_all()
    make_user("ebba", Role.EDITOR)
    User.objects.filter(username="ebba").update(title="Utvecklingsledare ⟨RTL: مرحبا⟩ 🎉")
    before_tables = backup.table_checksums()
    before_files = backup.media_checksums()
    out = tmp_path / "kopia.tar"
    call_command("backup", "create", "--out", str(out))
    assert "tabeller" in capsys.readouterr().out and out.exists()

    # damage everything: rows deleted, changed and added; files changed, removed, added
    SdgGoal.objects.filter(number__gt=10).delete()
    User.objects.filter(username="ebba").update(title="ändrad")
    make_user("inkräktare", Role.ADMINISTRATOR)
    (media / "rapporter" / "2025.pdf").write_bytes(b"trasig")
    (media / "bild åäö.png").unlink()
    (media / "ny.txt").write_text("ny")
    assert backup.table_checksums() != before_tables

    call_command("backup", "restore", str(out), "--yes")
    assert "lika med kopian" in capsys.readouterr().out
    after = backup.table_checksums()
    assert after == before_tables
    assert sum(t["rows"] for t in after.values()) > 200
    assert backup.media_checksums() == before_files
    assert User.objects.get(username="ebba").title.endswith("⟩ 🎉")
    assert not User.objects.filter(username="inkräktare").exists()


def test_restore_refuses_a_file_that_is_not_a_backup(transactional_db, tmp_path):
    bad = tmp_path / "inte.tar"
    bad.write_bytes(b"nej")
    with pytest.raises(CommandError, match="ingen läsbar"):
        call_command("backup", "restore", str(bad), "--yes")


def test_verify_reports_each_difference(transactional_db, media, tmp_path):
    reference_services.load_all()
    summary = backup.create(tmp_path / "k.tar")
    manifest = backup.read_manifest(summary.path)
    assert backup.verify(manifest) == []
    SdgGoal.objects.filter(number=17).delete()
    (media / "ny.txt").write_text("x")
    problems = backup.verify(manifest)
    table = SdgGoal._meta.db_table
    assert any(p.startswith(f"tabellen {table}: 16 rader, väntade 17") for p in problems)
    assert any("ny.txt" in p for p in problems)


def _rewrite_archive(source: Path, target: Path, change) -> None:
    """Copy the tar, passing each member's (name, bytes) through change(name, data)."""
    import io
    import tarfile

    with tarfile.open(source) as old, tarfile.open(target, "w") as new:
        for member in old.getmembers():
            data = old.extractfile(member).read() if member.isfile() else None
            if data is not None:
                data = change(member.name, data)
                member.size = len(data)
                new.addfile(member, io.BytesIO(data))
            else:
                new.addfile(member)


def _tamper_table_checksum(name, data):
    if name != "manifest.json":
        return data
    import json

    manifest = json.loads(data)
    table = SdgGoal._meta.db_table
    manifest["tables"][table]["sha256"] = "0" * 64
    return json.dumps(manifest).encode()


def _tamper_media_file(name, data):
    return b"%PDF-1.7 manipulerad" if name == "media/rapporter/2025.pdf" else data


def _damage_database_file(name, data):
    return data[: len(data) // 3] + b"\x00trasig\x00" * 50 if name.startswith("database.") else data


# A dump's table checksums are only known after pg_restore, so on PostgreSQL a
# manifest that disagrees with its dump is caught by the check after the restore
# (test_verify_reports_each_difference), not before it: that case runs on SQLite only.
_DAMAGE = [
    pytest.param(_tamper_media_file, "rapporter/2025.pdf", id="media-file"),
    pytest.param(_damage_database_file, "databasfilen går inte att läsa|pg_restore --list", id="damaged-database-file"),
]
if not postgres_run():
    _DAMAGE.insert(0, pytest.param(_tamper_table_checksum, "kontrollsumman skiljer", id="manifest-table-checksum"))


@pytest.mark.parametrize("tamper, message", _DAMAGE)
def test_damaged_archive_is_refused_before_the_live_data_is_touched(transactional_db, media, tmp_path, tamper, message):
    reference_services.load_all()
    summary = backup.create(tmp_path / "kopia.tar")
    damaged = tmp_path / "skadad.tar"
    _rewrite_archive(summary.path, damaged, tamper)

    # the live site moves on after the backup: this state must survive the refused restore
    SdgGoal.objects.filter(number=17).delete()
    make_user("efter", Role.EDITOR)
    (media / "ny.txt").write_text("skriven efter kopian")
    live_tables = backup.table_checksums()
    live_files = backup.media_checksums()

    with pytest.raises(backup.BackupError, match=message):
        backup.restore(damaged)
    assert backup.table_checksums() == live_tables
    assert backup.media_checksums() == live_files
    assert User.objects.filter(username="efter").exists()
    # control: the undamaged archive restores
    backup.restore(summary.path)
    assert backup.verify(backup.read_manifest(summary.path)) == []
