"""The claims registry: the evidence each notebook records for the catalogued statements.

A notebook records :class:`Evidence` rows with :func:`record` and writes its own
``data/derived/claims/<notebook>.json`` (deterministic: sorted keys, floats to 8 significant
digits, no timestamps). Each row tests one statement of :mod:`hotspots.article`:

- the **primary** row tests what the statement literally says, on its stated basis, and alone
  carries the statement's :class:`~hotspots.claims.verdicts.Verdict`;
- **supporting** and **sensitivity** rows (other vintages, definitions, denominators,
  descriptive statistics) record their own figure, notebook and data source and never a
  verdict, so they cannot override the primary.

:func:`load_registry` combines every notebook's file with the verdicts the catalogue itself
decides (declared not-checkable statements and the article's own arithmetic) and enforces:
every row names a catalogued statement; one primary row per statement across all notebooks;
advice gets no row; and (``complete=True``) every statement but advice has its verdict.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd

from hotspots.article import STATEMENTS, Statement, statement
from hotspots.claims import verdicts
from hotspots.claims.verdicts import RULES_FOR_KIND, Verdict, VerdictError, rounded
from hotspots.config import derived_dir
from hotspots.io.errors import DataFileError
from hotspots.io.files import atomic_write

#: The ``notebook`` of rows the statement catalogue decides (``lib/hotspots/article.py``).
CATALOGUE = "article"
ROLES = ("primary", "supporting", "sensitivity")

_NOTEBOOK = re.compile(r"^\d\d_[a-z0-9_]+$")
_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_NUMBERS = ("our_value", "claimed_value", "interval_low", "interval_high")
_ORDER = {s.statement_id: i for i, s in enumerate(STATEMENTS)}


class ClaimError(ValueError):
    """Evidence or a registry that breaks the rules (ids, roles, one verdict per statement)."""


@dataclass(kw_only=True)
class Evidence:
    """One evidence row: what a notebook measured for one statement, and where.

    ``evidence_id`` is ``<statement_id>:<name>`` (``:primary`` for the primary row). A primary
    row carries the ``verdict`` and, unless given, takes its values, interval and unit from it.
    """

    statement_id: str
    evidence_id: str
    notebook: str
    role: str
    description: str
    our_value: float | None = None
    claimed_value: float | None = None
    interval_low: float | None = None
    interval_high: float | None = None
    unit: str = ""
    data_source: str
    vintage: str | None = None
    figure: str | None = None
    verdict: Verdict | None = None

    def __post_init__(self) -> None:
        if self.verdict is not None:
            for name, attribute in (("our_value", "ours"), ("claimed_value", "claimed"),
                                    ("interval_low", "low"), ("interval_high", "high")):
                if getattr(self, name) is None:
                    setattr(self, name, getattr(self.verdict, attribute))
            self.unit = self.unit or self.verdict.unit
        try:
            for name in _NUMBERS:
                setattr(self, name, rounded(getattr(self, name), name))
        except VerdictError as exc:
            raise ClaimError(f"evidence {self.evidence_id!r}: {exc}") from exc
        self._validate()

    def _validate(self) -> None:
        problems = []
        try:
            item = statement(self.statement_id)
        except KeyError as exc:
            raise ClaimError(f"evidence {self.evidence_id!r}: {exc.args[0]}") from None
        name = self.evidence_id.removeprefix(f"{self.statement_id}:")
        if name == self.evidence_id or not _NAME.match(name):
            problems.append("evidence_id must be '<statement_id>:<lower-case-name>'")
        if self.role not in ROLES:
            problems.append(f"role {self.role!r} is not one of {ROLES}")
        if (self.role == "primary") != (name == "primary"):
            problems.append("the primary row, and only it, is named ':primary'")
        if item.kind == "advice":
            problems.append("advice is not scored: it takes no evidence")
        if (self.role == "primary") != (self.verdict is not None):
            problems.append("the primary row, and only it, carries the statement's verdict")
        if self.verdict is not None:
            if self.verdict.rule not in RULES_FOR_KIND[item.kind]:
                problems.append(f"rule {self.verdict.rule!r} cannot judge a {item.kind} "
                                "statement")
            stated = {n.value for n in item.numbers}
            if self.verdict.claimed is not None and self.verdict.claimed not in stated:
                problems.append(f"the verdict's claimed value {self.verdict.claimed} is not "
                                f"what the statement states {sorted(stated)}")
        if not (_NOTEBOOK.match(self.notebook) or self.notebook == CATALOGUE):
            problems.append(f"notebook {self.notebook!r} is not like '01_headline_figures'")
        if not self.description.strip() or "\n" in self.description:
            problems.append("description must be one non-empty line")
        if not self.data_source.strip():
            problems.append("data_source must name the data")
        if self.figure is not None and not _is_figure_path(self.figure):
            problems.append(f"figure {self.figure!r} is not a relative path under figures/")
        low, high = self.interval_low, self.interval_high
        if low is not None and high is not None and low > high:
            problems.append(f"interval_low {low} is above interval_high {high}")
        if problems:
            raise ClaimError(f"evidence {self.evidence_id!r}: " + "; ".join(problems))

    def to_dict(self) -> dict:
        """The row as JSON-ready values (the verdict nested, or ``None``)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values["verdict"] = None if self.verdict is None else self.verdict.to_dict()
        return values

    @classmethod
    def from_dict(cls, values: Mapping) -> Evidence:
        """The inverse of :meth:`to_dict`; exactly the fields of :data:`FIELDS`."""
        if set(values) != set(FIELDS):
            raise ClaimError(f"an evidence row has exactly the fields {FIELDS}")
        values = dict(values)
        if values["verdict"] is not None:
            try:
                values["verdict"] = Verdict.from_dict(values["verdict"])
            except (VerdictError, TypeError) as exc:
                raise ClaimError(f"evidence {values['evidence_id']!r}: {exc}") from exc
        return cls(**values)


FIELDS = tuple(f.name for f in fields(Evidence))


def _is_figure_path(path: str) -> bool:
    parts = Path(path).parts
    return len(parts) >= 2 and parts[0] == "figures" and ".." not in parts


def claims_dir() -> Path:
    """Where the per-notebook evidence files live: ``data/derived/claims``."""
    return derived_dir() / "claims"


def _dumps(records: object) -> bytes:
    text = json.dumps(records, indent=1, sort_keys=True, ensure_ascii=False, allow_nan=False)
    return (text + "\n").encode("utf-8")


def _sort_key(row: Evidence) -> tuple:
    return _ORDER[row.statement_id], ROLES.index(row.role), row.evidence_id


class Record:
    """The evidence one notebook records; :meth:`save` writes ``<notebook>.json``.

    Recording an ``evidence_id`` again replaces the earlier row, so re-running a cell is
    harmless.
    """

    def __init__(self, notebook: str, directory: Path | None = None) -> None:
        if not _NOTEBOOK.match(notebook):
            raise ClaimError(f"notebook {notebook!r} is not like '01_headline_figures'")
        self.notebook = notebook
        self.directory = directory
        self._rows: dict[str, Evidence] = {}

    def _add(self, row: Evidence) -> Evidence:
        self._rows[row.evidence_id] = row
        return row

    def primary(self, statement_id: str, verdict: Verdict, *, source: str,
                description: str = "", figure: str | None = None,
                vintage: str | None = None) -> Evidence:
        """The row that tests what ``statement_id`` literally says; ``verdict`` from a rule.

        ``description`` defaults to the statement's stated basis.
        """
        item = statement(statement_id)
        if item.catalogue_decides:
            raise ClaimError(f"{statement_id!r} is decided in the statement catalogue "
                             "(lib/hotspots/article.py); record supporting rows only")
        return self._add(Evidence(
            statement_id=statement_id, evidence_id=f"{statement_id}:primary",
            notebook=self.notebook, role="primary",
            description=description or item.basis or verdict.reason, data_source=source,
            vintage=vintage, figure=figure, verdict=verdict))

    def _other(self, role: str, statement_id: str, name: str, description: str, *,
               source: str, our_value: float | None = None,
               claimed_value: float | None = None, low: float | None = None,
               high: float | None = None, unit: str = "", figure: str | None = None,
               vintage: str | None = None) -> Evidence:
        return self._add(Evidence(
            statement_id=statement_id, evidence_id=f"{statement_id}:{name}",
            notebook=self.notebook, role=role, description=description,
            our_value=our_value, claimed_value=claimed_value, interval_low=low,
            interval_high=high, unit=unit, data_source=source, vintage=vintage,
            figure=figure))

    def supporting(self, statement_id: str, name: str, description: str, *, source: str,
                   **values) -> Evidence:
        """Context for the statement (another measure, a descriptive trend): no verdict.

        ``values``: ``our_value``, ``claimed_value``, ``low``, ``high``, ``unit``, ``figure``,
        ``vintage``.
        """
        return self._other("supporting", statement_id, name, description, source=source,
                           **values)

    def sensitivity(self, statement_id: str, name: str, description: str, *, source: str,
                    **values) -> Evidence:
        """The primary measure on another vintage, definition or denominator: no verdict."""
        return self._other("sensitivity", statement_id, name, description, source=source,
                           **values)

    @property
    def rows(self) -> list[Evidence]:
        """The rows recorded so far, in catalogue order, primary first."""
        return sorted(self._rows.values(), key=_sort_key)

    def save(self) -> Path:
        """Write ``<directory>/<notebook>.json`` (default :func:`claims_dir`); return its path."""
        path = (self.directory or claims_dir()) / f"{self.notebook}.json"
        with atomic_write(path, "wb") as handle:
            handle.write(_dumps([row.to_dict() for row in self.rows]))
        return path

    def show(self) -> pd.DataFrame:
        """The rows for display: role, verdict, values, and the reason (or the description)."""
        table = evidence_frame(self.rows)
        table["reason"] = table["reason"].fillna(table["description"])
        return table[["evidence_id", "role", "verdict", "claimed_value", "our_value",
                      "interval_low", "interval_high", "unit", "reason"]].set_index(
                          "evidence_id")


def record(notebook: str, directory: Path | None = None) -> Record:
    """A :class:`Record` for ``notebook`` (e.g. ``"01_headline_figures"``)."""
    return Record(notebook, directory)


def read_evidence(path: Path) -> list[Evidence]:
    """The rows in one notebook's file; bad content raises :class:`DataFileError`."""
    try:
        records = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataFileError(path, f"not a readable evidence file ({exc})") from exc
    if not isinstance(records, list):
        raise DataFileError(path, "expected a JSON list of evidence rows")
    rows = []
    for number, values in enumerate(records, start=1):
        if not isinstance(values, dict):
            raise DataFileError(path, f"row {number} is not a JSON object")
        try:
            rows.append(Evidence.from_dict(values))
        except (ClaimError, TypeError) as exc:
            raise DataFileError(path, f"row {number}: {exc}") from exc
        if rows[-1].notebook != Path(path).stem:
            raise DataFileError(path, f"row {number} names notebook {values['notebook']!r}")
    return rows


def catalogue_verdict(item: Statement) -> Verdict:
    """The verdict the catalogue declares for ``item`` (unchecked, or its own arithmetic)."""
    if item.derived is not None:
        return verdicts.arithmetic(item, item.derived.value, derivation=item.derived.derivation)
    if item.unchecked is None:
        raise ClaimError(f"{item.statement_id!r} is not decided in the catalogue")
    if item.unchecked.dataset:
        return verdicts.not_checked_here(item, item.unchecked.reason,
                                         dataset=item.unchecked.dataset,
                                         publisher=item.unchecked.publisher)
    return verdicts.not_checkable(item, item.unchecked.reason)


def catalogue_evidence() -> list[Evidence]:
    """The primary rows of the statements the catalogue decides."""
    rows = []
    for item in STATEMENTS:
        if not item.catalogue_decides:
            continue
        if item.derived is not None:
            description, source = (f"The article's own numbers: {item.derived.derivation}.",
                                   "the article")
        elif item.unchecked.dataset:
            description, source = ("Open data exist but are not in the data folder.",
                                   item.unchecked.dataset)
        else:
            description, source = "No open data exist.", "none"
        rows.append(Evidence(
            statement_id=item.statement_id, evidence_id=f"{item.statement_id}:primary",
            notebook=CATALOGUE, role="primary", description=description, data_source=source,
            verdict=catalogue_verdict(item)))
    return rows


@dataclass(frozen=True)
class Registry:
    """Every evidence row, validated: one verdict per statement (see :func:`load_registry`)."""

    evidence: tuple[Evidence, ...]

    def primary(self, statement_id: str) -> Evidence | None:
        """The statement's primary row, or ``None`` when it has no verdict (yet)."""
        return next((r for r in self.evidence
                     if r.statement_id == statement_id and r.role == "primary"), None)

    @property
    def missing(self) -> tuple[str, ...]:
        """Statements (advice aside) with no verdict yet, in catalogue order."""
        decided = {r.statement_id for r in self.evidence if r.role == "primary"}
        return tuple(s.statement_id for s in STATEMENTS
                     if s.kind != "advice" and s.statement_id not in decided)

    def statement_table(self) -> pd.DataFrame:
        """One row per catalogued statement, in article order: its verdict and evidence."""
        counts = Counter(r.statement_id for r in self.evidence)
        rows = []
        for item in STATEMENTS:
            row = self.primary(item.statement_id)
            verdict = row.verdict if row is not None else None
            reason = (verdict.reason if verdict is not None else
                      "Public advice, not scored." if item.kind == "advice" else
                      "No verdict yet.")
            rows.append({
                "statement_id": item.statement_id, "source": item.source,
                "section": item.section, "kind": item.kind, "quote": item.quote,
                "claimed": "; ".join(n.text for n in item.numbers),
                "verdict": verdict.verdict if verdict is not None else "",
                "reason": reason,
                **{name: getattr(row, name) if row is not None else None
                   for name in ("claimed_value", "our_value", "interval_low",
                                "interval_high")},
                "gap": verdict.gap if verdict is not None else None,
                "gap_pct": verdict.gap_pct if verdict is not None else None,
                "unit": row.unit if row is not None else "",
                "rule": verdict.rule if verdict is not None else "",
                "dataset": verdict.dataset if verdict is not None else "",
                "publisher": verdict.publisher if verdict is not None else "",
                "notebook": row.notebook if row is not None else "",
                "figure": row.figure if row is not None else None,
                "data_source": row.data_source if row is not None else "",
                "vintage": row.vintage if row is not None else None,
                "evidence_rows": counts[item.statement_id],
                "first_printed": item.first_printed,
                "printed_wording": item.printed_wording,
            })
        return pd.DataFrame(rows, columns=STATEMENT_COLUMNS)

    def evidence_table(self) -> pd.DataFrame:
        """Every evidence row, the primary's verdict flattened into columns."""
        return evidence_frame(self.evidence)


STATEMENT_COLUMNS = (
    "statement_id", "source", "section", "kind", "quote", "claimed", "verdict", "reason",
    "claimed_value", "our_value", "interval_low", "interval_high", "gap", "gap_pct", "unit",
    "rule", "dataset", "publisher", "notebook", "figure", "data_source", "vintage",
    "evidence_rows", "first_printed", "printed_wording")
_VERDICT_COLUMNS = ("verdict", "reason", "rule", "gap", "gap_pct", "dataset", "publisher")
EVIDENCE_COLUMNS = (*[f for f in FIELDS if f != "verdict"], *_VERDICT_COLUMNS, "parameters",
                    "details")


def evidence_frame(rows: list[Evidence] | tuple[Evidence, ...]) -> pd.DataFrame:
    """Evidence rows as a table; verdict fields flattened, parameters and details as JSON."""
    records = []
    for row in rows:
        values = {f: getattr(row, f) for f in FIELDS if f != "verdict"}
        verdict = row.verdict
        for name in _VERDICT_COLUMNS:
            values[name] = getattr(verdict, name) if verdict is not None else None
        for name in ("parameters", "details"):
            values[name] = (json.dumps(dict(sorted(getattr(verdict, name).items())),
                                       ensure_ascii=False) if verdict is not None else None)
        records.append(values)
    return pd.DataFrame(records, columns=EVIDENCE_COLUMNS)


def load_registry(directory: Path | None = None, *, complete: bool = True) -> Registry:
    """Every notebook's evidence (``<directory>/*.json``, default :func:`claims_dir`) and the
    catalogue's own verdicts, validated.

    Raises :class:`ClaimError` when an evidence id repeats, when a statement has more than one
    primary row (one statement, one verdict) and, with ``complete``, when a statement other
    than advice has no verdict. A bad file raises :class:`DataFileError` naming it.
    """
    rows = list(catalogue_evidence())
    for path in sorted(Path(directory or claims_dir()).glob("*.json")):
        rows.extend(read_evidence(path))
    primaries: dict[str, list[str]] = {}
    for row in rows:
        if row.role == "primary":
            primaries.setdefault(row.statement_id, []).append(row.notebook)
    twice = {s: n for s, n in primaries.items() if len(n) > 1}
    if twice:
        raise ClaimError("one statement, one verdict: "
                         + "; ".join(f"{s} has primary rows in {', '.join(n)}"
                                     for s, n in sorted(twice.items())))
    repeated = sorted(i for i, n in Counter(r.evidence_id for r in rows).items() if n > 1)
    if repeated:
        raise ClaimError(f"evidence ids recorded more than once: {repeated}")
    registry = Registry(tuple(sorted(rows, key=_sort_key)))
    if complete and registry.missing:
        raise ClaimError(f"statements without a verdict: {list(registry.missing)}")
    return registry


def export_registry(out_dir: Path | None = None, directory: Path | None = None, *,
                    complete: bool = True) -> Registry:
    """Write ``claims_registry.{csv,json}`` (one row per statement) and
    ``claims_evidence.{csv,json}`` (every row) to ``out_dir`` (default ``data/derived``)."""
    registry = load_registry(directory, complete=complete)
    out = Path(out_dir or derived_dir())
    for stem, table in (("claims_registry", registry.statement_table()),
                        ("claims_evidence", registry.evidence_table())):
        with atomic_write(out / f"{stem}.csv", "wb") as handle:
            handle.write(table.to_csv(index=False, lineterminator="\n").encode("utf-8"))
        records = table.astype(object).where(table.notna(), None).to_dict("records")
        with atomic_write(out / f"{stem}.json", "wb") as handle:
            handle.write(_dumps(records))
    return registry
