"""Accounting for every record: what each loader read, kept and dropped, and why."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field

import pandas as pd


@dataclass
class LoadReport:
    """Rows read from a source, rows kept, and rows dropped by reason.

    ``rows_read == rows_kept + sum(dropped.values())`` always holds (checked on ``close``).
    """

    source: str
    files: int = 0
    rows_read: int = 0
    rows_kept: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def drop(self, reason: str, count: int) -> None:
        """Record ``count`` rows dropped for ``reason``."""
        if count:
            self.dropped[reason] = self.dropped.get(reason, 0) + int(count)

    def merge(self, other: LoadReport) -> None:
        """Add another file's report into this one."""
        self.files += other.files
        self.rows_read += other.rows_read
        self.rows_kept += other.rows_kept
        for reason, count in other.dropped.items():
            self.drop(reason, count)
        self.notes.extend(n for n in other.notes if n not in self.notes)

    def close(self) -> LoadReport:
        """Check the books balance; record this report in the session ledger."""
        lost = self.rows_read - self.rows_kept - sum(self.dropped.values())
        if lost:
            raise AssertionError(f"{self.source}: {lost} rows unaccounted for")
        LEDGER[self.source] = self
        return self

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> LoadReport:
        return cls(**data)


LEDGER: dict[str, LoadReport] = {}


def count_reasons(reasons: pd.Series) -> Counter:
    """Count non-null drop reasons in a per-row Series (``None`` = kept)."""
    return Counter(reasons.dropna().tolist())


def load_reports(sources: list[str] | None = None) -> pd.DataFrame:
    """The ledger as a table: one row per source, drop reasons spelled out with their counts."""
    reports = [LEDGER[s] for s in sources] if sources else list(LEDGER.values())
    rows = [
        {
            "source": rep.source,
            "files": rep.files,
            "rows read": rep.rows_read,
            "rows kept": rep.rows_kept,
            "rows dropped": sum(rep.dropped.values()),
            "dropped, by reason": "; ".join(
                f"{reason}: {count:,}" for reason, count in sorted(rep.dropped.items())
            ),
        }
        for rep in reports
    ]
    return pd.DataFrame(rows).set_index("source") if rows else pd.DataFrame()
