"""The CI rules (tests/plugins/ci_strict.py) and the PostgreSQL fallbacks
(tests/plugins/databases.py), run on tiny suites in a subprocess with pytester."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SUITE = '''
import pytest

@pytest.mark.browser
def test_browser_skipped_in_body():
    pytest.skip("Chromium saknas")

@pytest.mark.browser
@pytest.mark.skipif(True, reason="ingen webbläsare")
def test_browser_skipped_by_marker():
    pass

@pytest.mark.browser
@pytest.mark.xfail(reason="känt fel", strict=True)
def test_browser_xfail():
    assert False

@pytest.mark.postgres_only
def test_postgres_only():
    pass

@pytest.mark.live
def test_live():
    pass

def test_plain_skip():
    pytest.skip("något annat")

def test_passes():
    pass
'''


@pytest.fixture
def run(pytester, monkeypatch):
    """Run the suite in a subprocess with only our plugin, under a given environment."""
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    for name in ("CI", "RESULTAT_TEST_DB", "RESULTAT_TEST_POSTGRES_URL", "DJANGO_SETTINGS_MODULE", "PYTEST_ADDOPTS"):
        monkeypatch.delenv(name, raising=False)

    def run(*args, plugin="tests.plugins.ci_strict", files=None, **env):
        pytester.makepyfile(**(files or {"test_suite": SUITE}))
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        return pytester.runpytest_subprocess(
            "-p", plugin, "-p", "no:django", "-p", "no:cacheprovider", "-rA", *args, timeout=120
        )

    return run


def test_outside_ci_skips_are_skips(run):
    result = run()
    result.assert_outcomes(passed=1, skipped=4, xfailed=1, deselected=1)
    assert result.ret == 0


def test_ci_false_is_not_ci(run):
    result = run(CI="false")
    assert result.ret == 0


def test_in_ci_a_skipped_browser_test_fails(run):
    result = run(CI="1")
    # In the body: a failure; by a skip marker (at setup): an error. postgres_only on
    # SQLite and an ordinary skip stay skips; live is deselected; xfail is untouched.
    result.assert_outcomes(passed=1, failed=1, errors=1, skipped=2, xfailed=1, deselected=1)
    assert result.ret == 1
    result.stdout.fnmatch_lines(["*CI: webbläsartest hoppades över*", "*Chromium saknas*"])


def test_in_ci_every_skip_of_the_postgres_run_fails(run):
    result = run(CI="true", RESULTAT_TEST_DB="postgres")
    # postgres_only now runs; the ordinary skip is a failure too.
    result.assert_outcomes(passed=2, failed=2, errors=1, xfailed=1, deselected=1)
    assert result.ret == 1
    result.stdout.fnmatch_lines(["*CI: test i PostgreSQL-passet hoppades över*"])


def test_live_runs_only_when_asked_and_never_counts(run):
    files = {"test_live": '''
import pytest

@pytest.mark.live
def test_live_skips():
    pytest.skip("inget nät")

def test_other():
    pass
'''}
    result = run("-m", "live", files=files, CI="1", RESULTAT_TEST_DB="postgres")
    result.assert_outcomes(skipped=1, deselected=1)
    assert result.ret == 0


def test_in_ci_a_browser_module_skipped_at_import_fails(run, pytester):
    pytester.mkpydir("browser")
    files = {"browser/test_mod": 'import pytest\npytest.importorskip("resultat_finns_inte")\n\ndef test_x():\n    pass\n'}
    run(files=files).assert_outcomes(skipped=1)
    result = run(files=files, CI="1")
    result.assert_outcomes(errors=1)
    assert result.ret != 0


UNREACHABLE = "postgresql://postgres@127.0.0.1:1/postgres"


def test_postgres_run_without_server_is_skipped_outside_ci(run):
    result = run(plugin="tests.plugins.databases", RESULTAT_TEST_DB="postgres", RESULTAT_TEST_POSTGRES_URL=UNREACHABLE)
    assert result.ret == 0
    result.stderr.fnmatch_lines(["*PostgreSQL-passet hoppas över*127.0.0.1:1*"])
    assert "passed" not in result.stdout.str()


def test_postgres_run_without_server_fails_in_ci(run):
    result = run(
        plugin="tests.plugins.databases", CI="true", RESULTAT_TEST_DB="postgres", RESULTAT_TEST_POSTGRES_URL=UNREACHABLE
    )
    assert result.ret == 1
    result.stderr.fnmatch_lines(["*CI: PostgreSQL-passet kan inte köras*127.0.0.1:1*"])
