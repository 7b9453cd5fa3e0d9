"""Who may open what: the authorisation table for every URL pattern of the project.

tests/security/test_authorisation.py walks Django's URL resolver and fails, naming
them, for every pattern that has no entry here (and for entries whose pattern no
longer exists). Adding a view therefore means adding a line here.

Each entry maps a pattern name ("namespace:name") to one or more cases. A case says
how to call the URL (method, URL arguments, POST data) and what each role gets:

    OK      allowed: 200, a redirect to a page other than a login page, or a form
            answer 409/422 (the request reached the view's business rules)
    DENIED  refused: 403 or 404
    LOGIN   a redirect to a login page (Resultat's or the admin's)

The roles (built by scenario.py):

    anonymous            no session
    no_role              signed in without any role (what single sign-on creates for every employee)
    editor_a             editor of unit A, which writes for the area of contribution_a
    editor_b             editor of unit B, which does not
    reviewer             reviewer assigned to the cycles
    reviewer_unassigned  reviewer of no cycle
    analyst              analyst (staff, view rights on strategy and reference data in the admin)
    administrator        administrator (superuser)

URL arguments and POST values that start with "@" name objects of the scenario
("@contribution_a" is its primary key, "@contribution_a.revision" an attribute).

The admin's URLs are covered by one rule for the namespace (admin_expectation below):
every admin URL without arguments, the app pages and a change page are requested.

For the integrator: a new app adds its patterns here; objects its cases need
(an initiative of unit A, a report draft, ...) are added to scenario.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

OK, DENIED, LOGIN = "OK", "DENIED", "LOGIN"

ROLES = ("anonymous", "no_role", "editor_a", "editor_b", "reviewer", "reviewer_unassigned", "analyst", "administrator")


@dataclass(frozen=True)
class Case:
    expect: dict[str, str]
    kwargs: dict = field(default_factory=dict)
    method: str = "GET"
    data: dict = field(default_factory=dict)
    headers: dict = field(default_factory=dict)
    note: str = ""


def roles(default: str, **overrides: str) -> dict[str, str]:
    """Every role gets ``default`` unless named: roles(DENIED, analyst=OK)."""
    unknown = set(overrides) - set(ROLES)
    assert not unknown, f"unknown roles {unknown}"
    return {role: overrides.get(role, default) for role in ROLES}


EVERYONE = roles(OK)
LOGGED_IN = roles(OK, anonymous=LOGIN)
ANALYSTS = roles(DENIED, anonymous=LOGIN, analyst=OK, administrator=OK)
#: can read contribution_a: its unit's editors, the cycle's reviewers, analysts
READERS_OF_A = roles(DENIED, anonymous=LOGIN, editor_a=OK, reviewer=OK, analyst=OK, administrator=OK)
#: can write contribution_a: only the editors of unit A
WRITERS_OF_A = roles(DENIED, anonymous=LOGIN, editor_a=OK)
#: can review submitted contributions: only the reviewers assigned to the cycle
ASSIGNED_REVIEWERS = roles(DENIED, anonymous=LOGIN, reviewer=OK)

#: can create initiatives: editors and analysts
INITIATIVE_CREATORS = roles(DENIED, anonymous=LOGIN, editor_a=OK, editor_b=OK, analyst=OK, administrator=OK)
#: can edit the scenario's initiative: the editors of the units of its area, and analysts
INITIATIVE_EDITORS = roles(DENIED, anonymous=LOGIN, editor_a=OK, analyst=OK, administrator=OK)
#: unpublished material: analysts see it, everyone else gets 404 (not a login prompt:
#: whether an unpublished year exists is itself not public)
UNPUBLISHED = roles(DENIED, analyst=OK, administrator=OK)

STRATEGY = {"strategy": "rus", "version": "aktualisering-2025-26"}
INDICATOR = {"source": "@indicator.source", "external_id": "@indicator.external_id"}

TABLE: dict[str, list[Case]] = {
    # --- public site ------------------------------------------------------------------
    "home": [Case(EVERYONE)],
    "set_language": [Case(EVERYONE, method="POST", data={"language": "en", "next": "/"})],
    "public:about": [Case(EVERYONE)],
    "strategy:home": [Case(EVERYONE)],
    "strategy:switch": [Case(EVERYONE, {"strategy": "rus"}, data={"version": "uppfoljning-2025", "page": "p-1"})],
    "strategy:compare": [Case(EVERYONE, {"strategy": "rus"})],
    "strategy:overview": [Case(EVERYONE, STRATEGY)],
    "strategy:sdg_index": [Case(EVERYONE, STRATEGY)],
    "strategy:sdg_goal": [Case(EVERYONE, {**STRATEGY, "number": 9})],
    "strategy:priority": [Case(EVERYONE, {**STRATEGY, "code": "p-1"})],
    "strategy:subpriority": [Case(EVERYONE, {**STRATEGY, "code": "dp-1.2"})],
    "results:public_index": [Case(EVERYONE)],
    "results:public_cycle": [
        Case(EVERYONE, {"year": "@published_cycle.year"}, note="published"),
        Case(roles(DENIED), {"year": "@open_cycle.year"}, note="not published: 404 for everyone"),
    ],
    "results:public_chapter": [
        Case(EVERYONE, {"year": "@published_cycle.year", "chapter": "@published_chapter"}, note="one chapter of a published year"),
        Case(roles(DENIED), {"year": "@open_cycle.year", "chapter": "@published_chapter"}, note="not published: 404 for everyone"),
    ],
    "results:public_cycle_all": [
        Case(EVERYONE, {"year": "@published_cycle.year"}, note="the whole year on one page"),
        Case(roles(DENIED), {"year": "@open_cycle.year"}, note="not published: 404 for everyone"),
    ],
    # --- accounts -----------------------------------------------------------------------
    "accounts:login": [Case(EVERYONE)],
    "accounts:logout": [Case(EVERYONE, method="POST")],
    "accounts:password_change": [Case(LOGGED_IN)],
    "accounts:password_change_done": [Case(LOGGED_IN)],
    "accounts:password_reset": [Case(EVERYONE)],
    "accounts:password_reset_done": [Case(EVERYONE)],
    "accounts:password_reset_confirm": [Case(EVERYONE, {"uidb64": "MQ", "token": "ogiltig-token"}, note="invalid link page")],
    "accounts:password_reset_complete": [Case(EVERYONE)],
    "accounts:oidc_login": [Case(EVERYONE, note="redirects to the provider (OIDC configured in the test)")],
    "accounts:oidc_callback": [Case(roles(DENIED), data={"state": "fel", "code": "x"}, note="unknown state: 403")],
    # --- follow-up: analysts ---------------------------------------------------------------
    "followup:cycles": [Case(ANALYSTS)],
    "followup:cycle": [Case(ANALYSTS, {"year": "@open_cycle.year"})],
    "followup:cycle_action": [Case(ANALYSTS, {"year": "@open_cycle.year", "action": "remind"}, method="POST")],
    "followup:cycle_confirm": [Case(ANALYSTS, {"year": "@open_cycle.year", "action": "lock"}, note="the completeness view before locking")],
    "followup:cycle_preview": [Case(ANALYSTS, {"year": "@open_cycle.year"}, note="the public page as it would be published")],
    "followup:overdue": [Case(ANALYSTS, {"year": "@open_cycle.year"}, note="overdue work per unit and editor")],
    "followup:remind_one": [
        Case(ANALYSTS, {"year": "@open_cycle.year"}, method="POST", data={"email": "ingen@example.invalid"}, note="nobody waiting: a message, redirect")
    ],
    "followup:matrix_xlsx": [Case(ANALYSTS, {"year": "@open_cycle.year"}, note="the status matrix as XLSX")],
    # --- follow-up: everyone with an account sees their own lists -------------------------
    "followup:my_tasks": [Case(LOGGED_IN)],
    "followup:review_queue": [Case(LOGGED_IN)],
    "followup:notifications": [Case(LOGGED_IN)],
    "followup:notification_open": [Case(roles(DENIED, anonymous=LOGIN), {"pk": 999999}, method="POST", note="someone else's or no notification: 404")],
    # --- follow-up: Word in, Word out ----------------------------------------------------
    "followup:word": [Case(LOGGED_IN)],
    "followup:word_upload": [Case(LOGGED_IN, method="POST", note="no file: the form answers 422")],
    "followup:word_confirm": [Case(LOGGED_IN, method="POST", data={"token": "ogiltig"}, note="invalid confirmation: 422")],
    "followup:word_download": [
        Case(roles(DENIED, anonymous=LOGIN, editor_a=OK, analyst=OK, administrator=OK), {"year": "@open_cycle.year", "unit": "@unit_a.code"},
             note="unit A's document: its editors and analysts"),
    ],
    "followup:word_zip": [Case(ANALYSTS, {"year": "@open_cycle.year"})],
    # --- follow-up: object level -------------------------------------------------------------
    "followup:contribution": [
        Case(READERS_OF_A, {"pk": "@contribution_a"}, note="unit A's draft: editor B is refused"),
        Case(roles(DENIED, anonymous=LOGIN, editor_b=OK, reviewer=OK, analyst=OK, administrator=OK), {"pk": "@contribution_b"},
             note="unit B's draft: editor A is refused"),
        Case(READERS_OF_A, {"pk": "@published_contribution"},
             note="published: the staff page (comments, timeline, revisions) follows the draft rule; "
                  "no role and editor B are refused, the text is public on results:public_cycle"),
    ],
    "followup:revision": [
        Case(READERS_OF_A, {"pk": "@contribution_a", "number": 1}),
        Case(READERS_OF_A, {"pk": "@published_contribution", "number": 1},
             note="a published contribution's revisions and diffs: the draft rule"),
    ],
    "followup:contribution_save": [
        Case(WRITERS_OF_A, {"pk": "@contribution_a"}, method="POST",
             data={"body": "Ny text", "base_revision": "@contribution_a.revision"}),
        Case(WRITERS_OF_A, {"pk": "@contribution_a"}, method="POST", headers={"HX-Request": "true"},
             data={"body": "Autosparad text", "base_revision": "@contribution_a.revision"}, note="htmx autosave"),
        Case(roles(DENIED, anonymous=LOGIN), {"pk": "@submitted_contribution"}, method="POST",
             data={"body": "Ändrad efter klarmarkering", "base_revision": "@submitted_contribution.revision"},
             note="submitted: nobody writes"),
    ],
    "followup:contribution_action": [
        Case(WRITERS_OF_A, {"pk": "@contribution_a", "action": "submit"}, method="POST"),
        Case(WRITERS_OF_A, {"pk": "@contribution_a", "action": "confirm"}, method="POST",
             note="allowed, then refused by the rule (not carried over) with a message"),
        Case(roles(DENIED, anonymous=LOGIN, editor_a=OK, reviewer=OK, analyst=OK, administrator=OK),
             {"pk": "@contribution_a", "action": "comment"}, method="POST", data={"comment": "En fråga"}),
        Case(roles(DENIED, anonymous=LOGIN, editor_a=OK, analyst=OK, administrator=OK),
             {"pk": "@contribution_a", "action": "assign"}, method="POST", data={"assignee": "@editor_a.username"}),
        Case(WRITERS_OF_A, {"pk": "@contribution_a", "action": "restore"}, method="POST",
             data={"number": 1, "base_revision": "@contribution_a.revision"}),
        Case(ASSIGNED_REVIEWERS, {"pk": "@submitted_contribution", "action": "return"}, method="POST",
             data={"comment": "Skriv om stycke två"}),
        Case(ASSIGNED_REVIEWERS, {"pk": "@submitted_contribution", "action": "approve"}, method="POST",
             data={"comment": "Bra"}),
        Case(roles(DENIED, anonymous=LOGIN, reviewer=OK, analyst=OK, administrator=OK),
             {"pk": "@published_contribution", "action": "comment"}, method="POST", data={"comment": "En fråga"},
             note="comments on a published contribution: its reviewers and analysts; no role and editor B refused"),
    ],
    # --- public site: pages per element, area, municipality and goal -------------------------
    "site:priority": [Case(EVERYONE, {"code": "p-1"})],
    "site:subpriority": [Case(EVERYONE, {"code": "dp-1.2"})],
    "site:areas": [Case(EVERYONE)],
    "site:area": [Case(EVERYONE, {"code": "a-digitalisering"})],
    "site:municipalities": [Case(EVERYONE)],
    "site:municipality": [Case(EVERYONE, {"code": "2480"})],
    "site:sdg_goals": [Case(EVERYONE)],
    "site:sdg_goal": [Case(EVERYONE, {"number": 9})],
    "site:accessibility": [
        Case(EVERYONE),
        Case(EVERYONE, method="POST", data={"description": "Diagrammet saknar textalternativ", "page_url": "/"},
             note="anyone may report an accessibility problem"),
    ],
    "site:accessibility_thanks": [Case(EVERYONE)],
    # --- open data and the API: published material only -------------------------------------
    "opendata:index": [Case(EVERYONE)],
    "opendata:datapackage": [Case(EVERYONE)],
    "opendata:catalogue": [Case(EVERYONE)],
    "opendata:download": [Case(EVERYONE, {"name": "contributions", "fmt": "csv"}), Case(EVERYONE, {"name": "initiatives", "fmt": "json"})],
    "api:api_docs": [Case(EVERYONE)],
    "api:openapi": [Case(EVERYONE)],
    "api:api_list": [Case(EVERYONE, {"name": "contributions"})],
    "api:api_detail": [
        Case(EVERYONE, {"name": "contributions", "ident": "@published_contribution_id"}, note="published"),
        Case(roles(DENIED), {"name": "contributions", "ident": "@draft_contribution_id"}, note="a draft: 404 for everyone, staff too"),
    ],
    # --- the report ----------------------------------------------------------------------------
    "reports:page": [
        Case(EVERYONE, {"year": "@published_cycle.year"}, note="published"),
        Case(UNPUBLISHED, {"year": "@open_cycle.year"}, note="draft report of the open cycle"),
    ],
    "reports:download": [
        Case(EVERYONE, {"year": "@published_cycle.year", "fmt": "html"}),
        Case(UNPUBLISHED, {"year": "@open_cycle.year", "fmt": "pdf"}),
    ],
    "reports:diff": [
        Case(EVERYONE, {"old": "@published_cycle.year", "new": "@published_cycle.year"}),
        Case(UNPUBLISHED, {"old": "@published_cycle.year", "new": "@open_cycle.year"}, note="one side unpublished"),
    ],
    "reports:profile_css": [Case(EVERYONE, {"year": "@published_cycle.year"}, note="the region profile's colours for the report page")],
    # --- the report's own texts (foreword, introduction …): analysts edit them ------------------
    "reports:texts": [Case(ANALYSTS, {"year": "@published_cycle.year"})],
    "reports:text_edit": [Case(ANALYSTS, {"year": "@published_cycle.year", "code": "@report_section.code"})],
    "reports:text_revision": [Case(ANALYSTS, {"year": "@published_cycle.year", "code": "@report_section.code", "number": 1})],
    "reports:text_restore": [
        Case(ANALYSTS, {"year": "@published_cycle.year", "code": "@report_section.code", "number": 1}, method="POST",
             data={"base_revision": "@report_section.revision"}, note="restoring is a new revision"),
    ],
    # --- imports: the proof-reading worklist (analysts) ------------------------------------------
    "imports:proofreading": [Case(ANALYSTS, {"year": "@published_cycle.year"})],
    "imports:proofreading_contribution": [Case(ANALYSTS, {"year": "@published_cycle.year", "pk": "@published_contribution"})],
    # --- search --------------------------------------------------------------------------------
    "search:public": [Case(EVERYONE, data={"q": "digitalisering"})],
    "search:staff": [Case(LOGGED_IN, data={"q": "digitalisering"}, note="results filtered per user by the selectors")],
    # --- learning (analysis across years) -------------------------------------------------------
    "learning:index": [Case(ANALYSTS)],
    "learning:coverage": [Case(ANALYSTS)],
    "learning:perspectives": [Case(ANALYSTS)],
    "learning:agenda": [Case(ANALYSTS)],
    "learning:change": [Case(ANALYSTS)],
    "learning:tag_suggestions": [
        Case(READERS_OF_A, {"pk": "@contribution_a"}, note="as reading the contribution: editor B is refused"),
        Case(READERS_OF_A, {"pk": "@published_contribution"}, note="a staff tool: the draft rule, published or not"),
    ],
    # --- initiatives and funding ----------------------------------------------------------------
    "initiatives:list": [Case(EVERYONE)],
    "initiatives:detail": [Case(EVERYONE, {"code": "@initiative.code"})],
    "initiatives:matrix": [Case(EVERYONE)],
    "initiatives:compilation": [Case(EVERYONE)],
    "initiatives:compilation_year": [Case(EVERYONE, {"year": 2025})],
    "initiatives:compilation_download": [Case(EVERYONE, {"year": 2025, "fmt": "csv"}), Case(EVERYONE, {"year": 2025, "fmt": "xlsx"})],
    "initiatives:create": [
        Case(INITIATIVE_CREATORS),
        Case(INITIATIVE_CREATORS, method="POST", data={"name": "Ny insats", "kind": "project", "status": "applied", "run_by_region": "unknown"}),
    ],
    "initiatives:edit": [
        Case(INITIATIVE_EDITORS, {"code": "@initiative.code"}, note="serves unit A's area: editor B is refused"),
        Case(INITIATIVE_EDITORS, {"code": "@initiative.code"}, method="POST",
             data={"name": "Digitala Västerbotten 2", "kind": "project", "status": "ongoing", "run_by_region": "unknown",
                   "revision": "@initiative.revision", "areas": "@area_a"}),
    ],
    "initiatives:import_template": [Case(LOGGED_IN)],
    "initiatives:import": [Case(ANALYSTS)],
    "initiatives:import_preview": [Case(ANALYSTS, {"pk": "@import_batch"})],
    "initiatives:import_confirm": [Case(ANALYSTS, {"pk": "@import_batch"}, method="POST")],
    "initiatives:review": [Case(ANALYSTS, {"code": "@initiative.code"}, method="POST", data={"decision": "confirm"})],
    # --- indicators --------------------------------------------------------------------------
    "indicators:index": [Case(EVERYONE)],
    "indicators:detail": [Case(EVERYONE, INDICATOR)],
    "indicators:csv": [Case(EVERYONE, INDICATOR)],
    "indicators:chart_file": [Case(EVERYONE, {**INDICATOR, "kind": "tid", "fmt": "json"})],
    "indicators:element": [Case(EVERYONE, {"strategy": "rus", "code": "dp-1.2"})],
    "indicators:sdg": [Case(EVERYONE, {"number": 9})],
    "indicators:opensdg_index": [Case(EVERYONE)],
    "indicators:opensdg_file": [Case(EVERYONE, {"filename": "@opensdg_filename"})],
    "indicators:opensdg_meta": [Case(EVERYONE, {"filename": "@opensdg_meta_filename"})],
    "indicators:sync_jobs": [Case(ANALYSTS, note="start a fetch from Kolada and SCB, see the latest")],
    "indicators:sync_job": [Case(ANALYSTS, {"pk": "@sync_job"}, note="a fetch's progress and summary")],
    "indicators:override": [
        Case(ANALYSTS, INDICATOR, method="POST", data={"status": "moderate_progress", "justification": "Ny mätmetod från 2024"},
             note="analysts assess; others refused"),
    ],
}

# --- the admin ---------------------------------------------------------------------------

#: apps whose models the analyst may view in the admin (accounts.services.ROLE_PERMISSIONS)
ANALYST_ADMIN_APPS = {"strategy", "reference"}
ADMIN_NAMESPACE = "admin"
NOT_STAFF = ("no_role", "editor_a", "editor_b", "reviewer", "reviewer_unassigned")
#: admin URLs no one gets as requested here: login attempts are only recorded, never
#: added by hand; raw source responses are provenance written only by a sync or an
#: upload, never typed in; autocomplete answers only with its query parameters
ADMIN_NOBODY = {"accounts_loginthrottle_add", "indicators_sourceresponse_add", "autocomplete"}


def admin_expectation(name: str, app_label: str | None = None) -> dict[str, str]:
    """What each role gets for an admin URL (name without the namespace).

    Not staff: redirected to the admin login (the login page itself is shown).
    Administrator: everything. Analyst: the index, own password and logout, and the
    view (changelist/change/history) pages of ANALYST_ADMIN_APPS; add, delete and
    every other app are refused.
    """
    public = name in ("login", "logout")
    expect = {"anonymous": OK if public else LOGIN, "administrator": OK}
    for role in NOT_STAFF:
        expect[role] = OK if public else LOGIN
    if name in ("login", "index", "logout", "password_change", "password_change_done", "jsi18n"):
        analyst = OK
    elif app_label in ANALYST_ADMIN_APPS and (name.endswith(("_changelist", "_change", "_history")) or name == "app_list"):
        analyst = OK
    else:
        analyst = DENIED
    expect["analyst"] = analyst
    if name in ADMIN_NOBODY:
        expect["analyst"] = expect["administrator"] = DENIED
    return expect
