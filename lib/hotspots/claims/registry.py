"""The claims registry: every number in the article, what we measured, and the verdict.

Each notebook writes its own ``data/derived/claims/<notebook>.json`` (so notebooks never
overwrite each other's claims); :func:`load_registry` combines and validates them all. The JSON
is deterministic: sorted keys, floats to 8 significant digits, no timestamps.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import pandas as pd

from hotspots.claims.verdicts import VERDICTS
from hotspots.config import derived_dir
from hotspots.io.errors import DataFileError
from hotspots.io.files import atomic_write

_CLAIM_ID = re.compile(r"^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$")
_NOTEBOOK = re.compile(r"^\d\d_[a-z0-9_]+$")
_NUMBERS = ("claimed_value", "our_value", "interval_low", "interval_high", "gap", "gap_pct")


class ClaimError(ValueError):
    """A claim that breaks the registry's rules (vocabulary, ids, paths)."""


@dataclass(kw_only=True)
class Claim:
    """One checked statement of the article.

    ``gap`` (our_value − claimed_value) and ``gap_pct`` (gap as % of the claim) are filled in
    when both values are given and the gaps are not; pass them to state them in another unit
    (e.g. percentage points). Numbers are stored as ``float`` rounded to 8 significant digits
    (so a claim survives a JSON round trip unchanged); NaN becomes ``None``.
    """

    claim_id: str
    section: str
    article_words: str
    claimed_value: float | None
    claimed_text: str
    our_value: float | None
    interval_low: float | None = None
    interval_high: float | None = None
    unit: str
    gap: float | None = None
    gap_pct: float | None = None
    verdict: str
    reason: str
    data_source: str
    vintage: str | None = None
    notebook: str
    figure: str | None = None

    def __post_init__(self) -> None:
        for name in _NUMBERS:
            setattr(self, name, _number(getattr(self, name), name))
        if self.gap is None and None not in (self.claimed_value, self.our_value):
            gap = self.our_value - self.claimed_value
            self.gap = _number(gap, "gap")
            if self.claimed_value:
                self.gap_pct = _number(100 * gap / self.claimed_value, "gap_pct")
        self._validate()

    def _validate(self) -> None:
        problems = []
        if not _CLAIM_ID.match(self.claim_id):
            problems.append(f"claim_id {self.claim_id!r} is not words joined by hyphens")
        if self.verdict not in VERDICTS:
            problems.append(f"verdict {self.verdict!r} is not one of {VERDICTS}")
        if not _NOTEBOOK.match(self.notebook):
            problems.append(f"notebook {self.notebook!r} is not like '01_headline_figures'")
        if not self.reason.strip() or "\n" in self.reason:
            problems.append("reason must be one non-empty sentence")
        if not self.article_words.strip():
            problems.append("article_words must quote the article")
        if self.figure is not None and not _is_figure_path(self.figure):
            problems.append(f"figure {self.figure!r} is not a relative path under figures/")
        low, high = self.interval_low, self.interval_high
        if low is not None and high is not None and low > high:
            problems.append(f"interval_low {low} is above interval_high {high}")
        if problems:
            raise ClaimError(f"claim {self.claim_id!r}: " + "; ".join(problems))

    def to_dict(self) -> dict:
        """The claim as JSON-ready values."""
        return asdict(self)


FIELDS = tuple(f.name for f in fields(Claim))


def _number(value: object, name: str) -> float | None:
    if value is None or value is pd.NA:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise ClaimError(f"{name} {value!r} is not a number") from exc
    if math.isinf(number):
        raise ClaimError(f"{name} is infinite")
    return None if math.isnan(number) else float(f"{number:.8g}")


def _is_figure_path(path: str) -> bool:
    parts = Path(path).parts
    return len(parts) >= 2 and parts[0] == "figures" and ".." not in parts


def claims_dir() -> Path:
    """Where the per-notebook claim files live: ``data/derived/claims``."""
    return derived_dir() / "claims"


def _dumps(records: list[dict]) -> str:
    return json.dumps(records, indent=1, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


def write_claims(claims: list[Claim], notebook: str, directory: Path | None = None) -> Path:
    """Write ``<directory>/<notebook>.json`` (default :func:`claims_dir`) and return its path.

    Every claim must belong to ``notebook`` and ids must be unique; claims keep their order.
    """
    wrong = [c.claim_id for c in claims if c.notebook != notebook]
    if wrong:
        raise ClaimError(f"claims {wrong} do not belong to notebook {notebook!r}")
    _check_unique([c.claim_id for c in claims], notebook)
    path = (directory or claims_dir()) / f"{notebook}.json"
    with atomic_write(path, "w") as handle:
        handle.write(_dumps([c.to_dict() for c in claims]))
    return path


def _check_unique(ids: list[str], where: str) -> None:
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise ClaimError(f"{where}: claim ids used more than once: {repeated}")


def read_claims(path: Path) -> list[Claim]:
    """The claims in one notebook's file; bad content raises :class:`DataFileError`."""
    try:
        records = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataFileError(path, f"not a readable claims file ({exc})") from exc
    if not isinstance(records, list):
        raise DataFileError(path, "expected a JSON list of claims")
    claims = []
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict) or set(record) != set(FIELDS):
            raise DataFileError(path, f"claim {number} does not have exactly the fields {FIELDS}")
        try:
            claims.append(Claim(**record))
        except ClaimError as exc:
            raise DataFileError(path, f"claim {number}: {exc}") from exc
        if claims[-1].notebook != Path(path).stem:
            raise DataFileError(path, f"claim {number} names notebook {record['notebook']!r}")
    return claims


def _all_claims(directory: Path | None) -> list[Claim]:
    claims = []
    for path in sorted((directory or claims_dir()).glob("*.json")):
        claims.extend(read_claims(path))
    _check_unique([c.claim_id for c in claims], "registry")
    return claims


def load_registry(directory: Path | None = None) -> pd.DataFrame:
    """All notebooks' claims in one table (notebook order, then file order), validated.

    Raises :class:`ClaimError` when two claims share an id.
    """
    records = [c.to_dict() for c in _all_claims(directory)]
    return pd.DataFrame(records, columns=list(FIELDS))


def export_registry(
    csv_path: Path, json_path: Path, directory: Path | None = None
) -> pd.DataFrame:
    """Write the combined registry as CSV and as JSON; return it."""
    records = [c.to_dict() for c in _all_claims(directory)]
    registry = pd.DataFrame(records, columns=list(FIELDS))
    with atomic_write(csv_path, "w") as handle:
        registry.to_csv(handle, index=False, lineterminator="\n")
    with atomic_write(json_path, "w") as handle:
        handle.write(_dumps(records))
    return registry
