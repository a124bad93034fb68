"""Months and month spans: the one way the project writes a window of months.

A month is a ``pandas.Period`` with monthly frequency (``"2024-12"`` in text). A
:class:`MonthSpan` is an inclusive run of months, ``MonthSpan("2024-01", "2024-12")`` for
calendar 2024, with its months, days, labels and shifted copies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import product

import numpy as np
import pandas as pd

MONTH_TEXT = re.compile(r"\d{4}-(0[1-9]|1[0-2])")

MonthLike = str | pd.Period


def month(value: MonthLike) -> pd.Period:
    """A monthly Period from ``"YYYY-MM"`` text or a Period; anything else raises ValueError."""
    if isinstance(value, pd.Period):
        return value.asfreq("M")
    if not isinstance(value, str) or not MONTH_TEXT.fullmatch(value):
        raise ValueError(f"not a month YYYY-MM: {value!r}")
    return pd.Period(value, freq="M")


def check_month(text: str) -> str:
    """``text`` if it is a month ``YYYY-MM``, else ``ValueError``."""
    return str(month(text))


def shift_month(value: MonthLike, by: int) -> str:
    """The month ``by`` months after ``value``, as ``YYYY-MM``."""
    return str(month(value) + by)


def months_between(first: MonthLike, last: MonthLike) -> int:
    """Signed number of months from ``first`` to ``last`` (``last - first``)."""
    return (month(last) - month(first)).n


@dataclass(frozen=True)
class MonthSpan:
    """An inclusive run of months, ``first`` … ``last`` (``last`` may equal ``first``)."""

    first: pd.Period
    last: pd.Period

    def __init__(self, first: MonthLike, last: MonthLike) -> None:
        start, end = month(first), month(last)
        if end < start:
            raise ValueError(f"span ends ({end}) before it starts ({start})")
        object.__setattr__(self, "first", start)
        object.__setattr__(self, "last", end)

    @classmethod
    def ending(cls, last: MonthLike, months: int = 12) -> MonthSpan:
        """The ``months`` months ending with ``last`` (12: the year to ``last``)."""
        end = month(last)
        return cls(end - (months - 1), end)

    @classmethod
    def year(cls, year: int) -> MonthSpan:
        """Calendar ``year``."""
        return cls(f"{year}-01", f"{year}-12")

    @property
    def periods(self) -> pd.PeriodIndex:
        """Every month of the span, in order."""
        return pd.period_range(self.first, self.last, freq="M")

    @property
    def labels(self) -> list[str]:
        """Every month as ``YYYY-MM`` text."""
        return [str(p) for p in self.periods]

    @property
    def days(self) -> int:
        """Days from the first day of ``first`` to the last day of ``last`` (366 for 2024)."""
        return int(np.sum(self.periods.days_in_month))

    def __len__(self) -> int:
        return months_between(self.first, self.last) + 1

    def __iter__(self) -> Iterator[pd.Period]:
        return iter(self.periods)

    def __contains__(self, value: object) -> bool:
        try:
            return self.first <= month(value) <= self.last  # type: ignore[arg-type]
        except ValueError:
            return False

    def shift(self, by: int) -> MonthSpan:
        """The span moved ``by`` months (``-12``: the same months a year earlier)."""
        return MonthSpan(self.first + by, self.last + by)

    def previous(self) -> MonthSpan:
        """The span of the same length just before this one."""
        return self.shift(-len(self))

    def mask(self, months: pd.Series | pd.PeriodIndex) -> np.ndarray:
        """Which of ``months`` (monthly Periods) lie in the span."""
        values = pd.PeriodIndex(months, freq="M")
        return np.asarray((values >= self.first) & (values <= self.last))

    def per_day(self, count: float) -> float:
        """``count`` spread over the span's days."""
        return count / self.days

    def __str__(self) -> str:
        return f"{self.first}–{self.last}" if self.first != self.last else str(self.first)


def spans(starts: Iterable[MonthLike], ends: Iterable[MonthLike]) -> list[MonthSpan]:
    """Every span from one of ``starts`` to one of ``ends`` that does not end before it
    starts, in the order given (starts outer, ends inner)."""
    return [MonthSpan(s, e) for s, e in product(starts, ends) if month(e) >= month(s)]
