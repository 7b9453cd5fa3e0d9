"""Reading, checking and writing one strategy version file."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import jsonschema
import yaml

from resultat.core.i18n import N_, Message
from resultat.core.strategy.yamlsource import YamlSyntaxError, load_with_lines

FORMAT = "resultat-strategy/1"
SCHEMA_PATH = Path(__file__).with_name("schema.json")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a strategy file: where it is and what is wrong."""

    file: str
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        at = f" {self.path}:" if self.path else ""
        return f"{where}:{at} {self.message}"


class StrategyFileError(ValueError):
    """The file cannot be loaded; ``problems`` lists every reason found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class KnownReferences:
    """What a strategy file may link to (from the reference data)."""

    sdg_goals: frozenset[int] = frozenset(range(1, 18))
    sdg_targets: frozenset[str] | None = None  # None: do not check targets
    framework_items: frozenset[str] | None = None  # None: do not check


@dataclass
class StrategyDocument:
    data: dict[str, Any]
    content_hash: str
    file: str = "<text>"
    lines: dict[tuple, int] = field(default_factory=dict, repr=False)

    @property
    def version_code(self) -> str:
        return self.data["version"]["code"]

    def iter_subpriorities(self) -> Iterable[dict[str, Any]]:
        for priority in self.data["priorities"]:
            yield from priority.get("subpriorities") or []

    def counts(self) -> dict[str, int]:
        subs = list(self.iter_subpriorities())
        return {
            "goals": len(self.data["goals"]),
            "perspectives": len(self.data["perspectives"]),
            "priorities": len(self.data["priorities"]),
            "subpriorities": len(subs),
            "challenges": sum(len(s["challenges"]) for s in subs),
            "needs": sum(len(s["needs"]) for s in subs),
        }


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def content_hash(data: dict[str, Any]) -> str:
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def parse_document(text: str, file: str = "<text>", known: KnownReferences | None = None) -> StrategyDocument:
    """Parse and check a strategy file. Raises StrategyFileError listing every problem."""
    known = known or KnownReferences()
    try:
        data, lines = load_with_lines(text)
    except YamlSyntaxError as exc:
        raise StrategyFileError([Problem(file, "", exc.line, str(exc))]) from exc
    if not isinstance(data, dict):
        raise StrategyFileError([Problem(file, "", 1, Message(N_("filen ska innehålla en YAML-mappning med en strategiversion")))])
    data = _normalise_dates(data)

    problems = [_schema_problem(file, data, lines, err) for err in _validator().iter_errors(data)]
    problems.sort(key=lambda p: (p.line or 0, p.path))
    if problems:
        raise StrategyFileError(problems)
    problems = list(_semantic_problems(file, data, lines, known))
    if problems:
        raise StrategyFileError(problems)
    return StrategyDocument(data=data, content_hash=content_hash(data), file=file, lines=lines)


def read_document(path: str | Path, known: KnownReferences | None = None) -> StrategyDocument:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise StrategyFileError([Problem(str(path), "", None, Message(N_("filen finns inte")))]) from exc
    except UnicodeDecodeError as exc:
        raise StrategyFileError([Problem(str(path), "", None, Message(N_("filen är inte UTF-8 (byte %(start)s)"), start=exc.start))]) from exc
    return parse_document(text, file=str(path), known=known)


def _normalise_dates(data: dict[str, Any]) -> dict[str, Any]:
    version = data.get("version")
    if isinstance(version, dict) and hasattr(version.get("adopted_on"), "isoformat"):
        version["adopted_on"] = version["adopted_on"].isoformat()
    return data


def describe_path(data: Any, path: Iterable[Any]) -> str:
    """A readable path that names elements by their code: priorities[p-1].subpriorities[dp-1.2]."""
    out: list[str] = []
    node = data
    for part in path:
        if isinstance(part, int):
            label = str(part + 1)
            if isinstance(node, list) and 0 <= part < len(node) and isinstance(node[part], dict):
                item = node[part]
                label = str(item.get("code") or item.get("perspective") or item.get("from") or f"#{part + 1}")
            out.append(f"[{label}]")
        else:
            out.append(("." if out else "") + str(part))
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
    return "".join(out)


def _line_for(lines: dict[tuple, int], path: tuple) -> int | None:
    while True:
        if path in lines:
            return lines[path]
        if not path:
            return None
        path = path[:-1]


_SCHEMA_MESSAGES = {
    "required": "saknar fältet {missing}",
    "additionalProperties": "okänt fält: {extra}",
    "type": "fel typ: ska vara {expected}",
    "enum": "ogiltigt värde {value!r}; tillåtna: {allowed}",
    "const": "ska vara {allowed!r}",
    "pattern": "ogiltigt format {value!r}",
    "minLength": "får inte vara tomt",
    "maxLength": "är för långt",
    "minItems": "har för få element",
    "maxItems": "har för många element",
    "uniqueItems": "innehåller dubbletter",
    "minimum": "är för litet",
    "maximum": "är för stort",
    "format": "ogiltigt format {value!r}",
}


def _schema_problem(file: str, data: Any, lines: dict[tuple, int], err: jsonschema.ValidationError) -> Problem:
    path = tuple(err.absolute_path)
    template = _SCHEMA_MESSAGES.get(err.validator)
    message = err.message
    if template:
        missing = extra = ""
        if err.validator == "required":
            missing = ", ".join(sorted(set(err.validator_value) - set(err.instance or {})))
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            allowed = set((err.schema.get("properties") or {}).keys())
            extra = ", ".join(sorted(set(err.instance) - allowed))
        expected = err.validator_value
        if isinstance(expected, list):
            expected = " eller ".join(expected)
        message = template.format(
            missing=missing,
            extra=extra,
            expected=expected,
            value=err.instance,
            allowed=err.validator_value if err.validator != "enum" else ", ".join(map(str, err.validator_value)),
        )
    return Problem(file, describe_path(data, path), _line_for(lines, path), message)


def _semantic_problems(file: str, data: dict[str, Any], lines: dict[tuple, int], known: KnownReferences):
    def problem(path: tuple, message: str) -> Problem:
        return Problem(file, describe_path(data, path), _line_for(lines, path), message)

    seen: dict[str, tuple] = {}

    def claim(code: str, path: tuple):
        if code in seen:
            first = describe_path(data, seen[code])
            return problem((*path, "code"), f"koden {code!r} används redan av {first}")
        seen[code] = path
        return None

    perspective_codes = set()
    for i, goal in enumerate(data["goals"]):
        if p := claim(goal["code"], ("goals", i)):
            yield p
        yield from _link_problems(problem, ("goals", i), goal, known)
    for i, perspective in enumerate(data["perspectives"]):
        if p := claim(perspective["code"], ("perspectives", i)):
            yield p
        perspective_codes.add(perspective["code"])
    numbers: dict[str, tuple] = {}
    for pi, priority in enumerate(data["priorities"]):
        ppath = ("priorities", pi)
        if p := claim(priority["code"], ppath):
            yield p
        yield from _link_problems(problem, ppath, priority, known)
        for si, sub in enumerate(priority.get("subpriorities") or []):
            spath = (*ppath, "subpriorities", si)
            if p := claim(sub["code"], spath):
                yield p
            if sub["number"] in numbers:
                yield problem((*spath, "number"), f"numret {sub['number']!r} används redan av {describe_path(data, numbers[sub['number']])}")
            numbers[sub["number"]] = spath
            yield from _link_problems(problem, spath, sub, known)
            challenge_codes = set()
            for ci, challenge in enumerate(sub["challenges"]):
                if p := claim(challenge["code"], (*spath, "challenges", ci)):
                    yield p
                challenge_codes.add(challenge["code"])
            answered = set()
            for ni, need in enumerate(sub["needs"]):
                npath = (*spath, "needs", ni)
                if p := claim(need["code"], npath):
                    yield p
                if need["challenge"] not in challenge_codes:
                    yield problem(
                        (*npath, "challenge"),
                        f"behovet svarar mot utmaningen {need['challenge']!r}, som inte finns i {sub['code']}",
                    )
                answered.add(need["challenge"])
            for ci, challenge in enumerate(sub["challenges"]):
                if challenge["code"] not in answered:
                    yield problem((*spath, "challenges", ci), f"utmaningen {challenge['code']!r} har inget behov som svarar mot den")
            for xi, block in enumerate(sub.get("perspectives") or []):
                if block["perspective"] not in perspective_codes:
                    yield problem((*spath, "perspectives", xi, "perspective"), f"okänd inriktning {block['perspective']!r}")
    for mi, mapping in enumerate(data.get("mapping_from_previous") or []):
        if mapping["to"] not in seen:
            yield problem(("mapping_from_previous", mi, "to"), f"koden {mapping['to']!r} finns inte i den här versionen")
    if data.get("mapping_from_previous") and not data["version"].get("previous"):
        yield problem(("mapping_from_previous",), "mapping_from_previous kräver version.previous")
    start, end = data["strategy"]["period"]
    if start > end:
        yield problem(("strategy", "period"), f"perioden börjar ({start}) efter att den slutar ({end})")


def _link_problems(problem, path: tuple, element: dict[str, Any], known: KnownReferences):
    for i, number in enumerate(element.get("sdg_goals") or []):
        if number not in known.sdg_goals:
            yield problem((*path, "sdg_goals", i), f"okänt Agenda 2030-mål {number!r} (giltiga: 1–17)")
    for i, code in enumerate(element.get("sdg_targets") or []):
        goal_part = code.split(".", 1)[0]
        unknown = (known.sdg_targets is not None and code not in known.sdg_targets) or not goal_part.isdigit() or int(goal_part) not in known.sdg_goals
        if unknown:
            yield problem((*path, "sdg_targets", i), f"okänt Agenda 2030-delmål {code!r}")
    if known.framework_items is not None:
        for key in ("national_areas", "eu_objectives"):
            for i, code in enumerate(element.get(key) or []):
                if code not in known.framework_items:
                    yield problem((*path, key, i), f"okänt ramverksområde {code!r} (se data/reference/frameworks.yaml)")


class _Dumper(yaml.SafeDumper):
    pass


def _represent_str(dumper: yaml.SafeDumper, value: str):
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value.rstrip("\n") + "\n", style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _represent_str)


def dump_document(data: dict[str, Any]) -> str:
    """Write a strategy version as YAML in the file format (keys in format order)."""
    header = "# Resultat strategy file (resultat-strategy/1); see docs/strategy-format.md\n"
    return header + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
