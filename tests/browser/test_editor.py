"""The contribution editor in a real browser (issue 18 "A real editor"): the toolbar
over the textarea, formatting by buttons, paste from Word cleaned to the allowed HTML,
and what is saved is the same sanitised HTML as without JavaScript."""

import pytest

from resultat.followup import services
from resultat.followup.models import Contribution
from tests.browser.helpers import login, open_editor_cycle

WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0}</style></head>
<body><!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]-->
<h1 style="mso-style-name:Rubrik1">Bredband i inlandet</h1>
<p class="MsoNormal"><span style="font-family:Calibri;color:red">Fibern&auml;tet n&aring;dde </span><b><span style="font-size:12pt">Sorsele</span></b><span> och <i>Dorotea</i>.<o:p></o:p></span></p>
<p class="MsoListParagraph"><span>·<span>&nbsp;&nbsp; </span></span>Första punkten</p>
<p class="MsoListParagraph"><span>·<span>&nbsp;&nbsp; </span></span>Andra punkten</p>
<p><a href="javascript:alert(1)" onclick="alert(2)">Farlig länk</a> <a href="https://www.regionvasterbotten.se/">Regionen</a></p>
<img src="file:///C:/bild.png"><script>alert(3)</script>
</body></html>"""

# the autosave's pause after typing (hx-trigger "input changed delay:4s" in
# templates/followup/contribution.html), and a little more
AUTOSAVE_PAUSE_MS = 4_100


@pytest.fixture
def editor_page(transactional_db):
    cycle, area = open_editor_cycle()
    return Contribution.objects.get(cycle=cycle, area=area, question__code="omvarldsanalys")


@pytest.mark.parametrize("width", [1280, 390])
def test_toolbar_paste_from_word_and_save(page, editor_page, assert_no_axe_violations, width):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": width, "height": 900})
    login(page, "ebba")
    page.goto(f"/uppfoljning/bidrag/{editor_page.pk}/")
    toolbar = page.get_by_role("toolbar", name="Formatering")
    assert toolbar.is_visible()
    assert not page.locator("textarea#id_body").is_visible()  # the textarea stays in the form, hidden
    box = page.get_by_role("textbox", name="Text", exact=True)
    assert_no_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    box.click()
    page.keyboard.type("Inledning om läget.")
    page.get_by_role("button", name="Rubrik", exact=True).click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Fetstil").click()
    page.keyboard.type("Viktigt")
    page.get_by_role("button", name="Fetstil").click()
    page.keyboard.press("Enter")
    page.evaluate(
        """html => {
        const dt = new DataTransfer();
        dt.setData('text/html', html);
        dt.setData('text/plain', 'fallback');
        document.querySelector('.pell-content').dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true}));
    }""",
        WORD_HTML,
    )
    markup = page.locator("textarea#id_body").input_value()
    assert markup.startswith("### Inledning om läget.")
    assert "**Viktigt**" in markup and "**Sorsele**" in markup and "*Dorotea*" in markup
    assert "- Första punkten\n- Andra punkten" in markup
    assert "[Regionen](https://www.regionvasterbotten.se/)" in markup
    assert "javascript" not in markup and "alert" not in markup and "Calibri" not in markup and "mso" not in markup
    with page.expect_navigation():
        page.get_by_role("button", name="Spara utkast").click()
    body = Contribution.objects.get(pk=editor_page.pk).body
    assert "<h3>Inledning om läget.</h3>" in body and "<strong>Sorsele</strong>" in body and "<em>Dorotea</em>" in body
    assert "<ul><li>Första punkten</li><li>Andra punkten</li></ul>" in body, body
    assert '<a href="https://www.regionvasterbotten.se/" rel="noopener noreferrer">Regionen</a>' in body
    assert "style" not in body and "class" not in body and "script" not in body and "javascript" not in body
    # the editor opens the saved text again with its formatting
    assert page.locator(".pell-content h3").all_inner_texts() == ["Inledning om läget.", "Bredband i inlandet"]
    assert page.locator(".pell-content strong").first.inner_text() == "Viktigt"
    assert not [e for e in errors if "Content Security Policy" in e or "Uncaught" in e], errors


def test_a_refused_or_failed_autosave_is_shown_not_hidden(page, editor_page):
    """htmx does not swap error answers: without static/js/autosave.js a 409 or 422 left
    the status line saying the last save succeeded (found by trying it as an editor)."""
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, "ebba")
    # The page's timers run on Playwright's clock: instead of waiting out the autosave's
    # 4 s pause three times (12 s), the test jumps the clock past it after each typing.
    page.clock.install()
    page.goto(f"/uppfoljning/bidrag/{editor_page.pk}/")
    box = page.get_by_role("textbox", name="Text", exact=True)
    status = page.locator("#autosave-status")
    box.click()
    page.keyboard.type("Första utkastet.")
    page.clock.fast_forward(AUTOSAVE_PAUSE_MS)
    status.get_by_text("Utkastet sparades automatiskt (version 1).").wait_for(timeout=15_000)

    # someone else saves a newer version: the next autosave is a 409, and the page says so
    other = Contribution.objects.get(pk=editor_page.pk)
    services.save_contribution(other, user=other.area.units.first().editors.first(), body="<p>Någon annans text</p>",
                               base_revision=other.revision)
    page.keyboard.type(" Mer.")
    page.clock.fast_forward(AUTOSAVE_PAUSE_MS)
    status.get_by_text("Någon annan har sparat en nyare version").wait_for(timeout=15_000)

    # any other failure (here a 500 from the server) writes the form's own message
    page.route("**/spara/", lambda route: route.fulfill(status=500, body="serverfel"))
    page.keyboard.type(" Ännu mer.")
    page.clock.fast_forward(AUTOSAVE_PAUSE_MS)
    status.get_by_text("Utkastet kunde inte sparas automatiskt").wait_for(timeout=15_000)
    assert "(500)" in status.inner_text()


def test_the_toolbar_signs_follow_the_language(page, editor_page, live_server):
    login(page, "ebba")
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(f"/uppfoljning/bidrag/{editor_page.pk}/")
    bold = page.get_by_role("button", name="Bold")
    assert bold.inner_text().strip() == "B"
    assert page.get_by_role("button", name="Italic").inner_text().strip() == "I"
