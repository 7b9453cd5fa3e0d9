from datetime import date

from django.core.management.base import BaseCommand, CommandError

from resultat.followup import selectors, services
from resultat.followup.models import Cycle, QuestionSet
from resultat.strategy import selectors as strategy_selectors


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Ogiltigt datum {value!r}: skriv ÅÅÅÅ-MM-DD") from exc


class Command(BaseCommand):
    help = "Uppföljningscykler: open, list, status, remind, lock, publish, reopen."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        o = sub.add_parser("open", help="Öppna årets cykel: ett bidrag per strategiskt område och fråga.")
        o.add_argument("year", type=int)
        o.add_argument("--version", dest="version_code", help="strategiversionens kod (standard: aktuell version)")
        o.add_argument("--questions", help="frågeuppsättningens kod (standard: den senaste)")
        o.add_argument("--carry-over", action="store_true", help="fyll i förra årets godkända texter (markeras som överförda)")
        o.add_argument("--submit-by", type=_date, help="sista dag för bidrag (ÅÅÅÅ-MM-DD)")
        sub.add_parser("list", help="Lista cyklerna.")
        for name, text in (("status", "Visa läget per kapitel."), ("remind", "Skicka påminnelser till redaktörer med bidrag som inte är klarmarkerade.")):
            p = sub.add_parser(name, help=text)
            p.add_argument("year", type=int)
        for name, text in (("lock", "Lås cykeln."), ("publish", "Publicera en låst cykel (bara godkända bidrag blir offentliga).")):
            p = sub.add_parser(name, help=text)
            p.add_argument("year", type=int)
            p.add_argument("--reason", default="", help="skäl (krävs om inte alla bidrag är godkända; sparas på cykelns händelse)")
        r = sub.add_parser("reopen", help="Öppna en låst eller publicerad cykel igen.")
        r.add_argument("year", type=int)
        r.add_argument("--reason", required=True, help="varför cykeln öppnas igen")

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"do_{action}")(**options)
        except services.FollowupError as exc:
            raise CommandError(str(exc)) from exc

    def _cycle(self, year) -> Cycle:
        cycle = selectors.cycles().filter(year=year).first()
        if cycle is None:
            raise CommandError(f"Ingen uppföljningscykel för {year}")
        return cycle

    def do_open(self, year, version_code=None, questions=None, carry_over=False, submit_by=None, **_):
        strategy = strategy_selectors.default_strategy()
        if strategy is None:
            raise CommandError("Ingen strategi är inläst")
        version = strategy.versions.filter(code=version_code).first() if version_code else strategy_selectors.current_version(strategy)
        if version is None:
            raise CommandError(f"Strategiversionen {version_code!r} finns inte")
        qs = QuestionSet.objects.filter(code=questions).first() if questions else QuestionSet.objects.order_by("-id").first()
        if qs is None:
            raise CommandError("Ingen frågeuppsättning finns")
        cycle = services.open_cycle(year=year, version=version, question_set=qs, carry_over=carry_over, deadlines={"submit_by": submit_by})
        carried = cycle.contributions.exclude(carried_over_from=None).count()
        self.stdout.write(f"Cykel {year} öppnad på {version.code}: {cycle.contributions.count()} bidrag ({carried} med överförd text).")

    def do_list(self, **_):
        for cycle in selectors.cycles():
            self.stdout.write(f"{cycle.year}  {cycle.get_state_display():<11} {cycle.version.code}  bidrag senast {cycle.submit_by or '–'}")

    def do_status(self, year, **_):
        cycle = self._cycle(year)
        questions, chapters, totals = selectors.completion_matrix(cycle)
        labels = [label for _, label, _ in selectors.state_summary(totals)]
        width = max(len(ch.chapter.title[:48]) for ch in chapters) if chapters else 10
        self.stdout.write(f"{'Kapitel':<{width}}  " + "  ".join(f"{label[:11]:>11}" for label in labels))
        for ch in chapters:
            self.stdout.write(f"{ch.chapter.title[:48]:<{width}}  " + "  ".join(f"{n:>11}" for _, _, n in ch.summary()))
        self.stdout.write(f"{'Totalt':<{width}}  " + "  ".join(f"{n:>11}" for _, _, n in selectors.state_summary(totals)))

    def do_remind(self, year, **_):
        sent = services.send_reminders(self._cycle(year))
        for r in sent:
            self.stdout.write(f"{r.email}: {len(r.contributions)} bidrag")
        self.stdout.write(f"{len(sent)} påminnelser skickade.")

    def _completeness_line(self, cycle) -> str:
        t = selectors.completeness(cycle).total
        return f"{t.approved} av {t.total} bidrag godkända ({t.submitted} klara för granskning, {t.draft} utkast, {t.empty} tomma)"

    def do_lock(self, year, reason="", **_):
        cycle = self._cycle(year)
        line = self._completeness_line(cycle)
        services.lock_cycle(cycle, None, "Låst från kommandoraden", reason=reason)
        self.stdout.write(f"Cykel {year} är låst: {line}.")

    def do_publish(self, year, reason="", **_):
        n = services.publish_cycle(self._cycle(year), None, "", reason=reason)
        self.stdout.write(f"Cykel {year} är publicerad: {n} bidrag.")

    def do_reopen(self, year, reason, **_):
        services.reopen_cycle(self._cycle(year), None, reason)
        self.stdout.write(f"Cykel {year} är öppen igen.")
