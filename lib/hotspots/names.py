"""Name normalisation so that the Met's borough and ward names join exactly to boundaries."""

from __future__ import annotations

import re
import unicodedata

_ALIASES = {
    "city of westminster": "westminster",
    "kingston": "kingston upon thames",
    "richmond": "richmond upon thames",
}


def name_key(name: str) -> str:
    """A join key for a place name: accents, case, '&', apostrophes and spacing removed.

    ``"St James's"``, ``"St. James’s"`` and ``"ST JAMES'S"`` all give ``"st jamess"``;
    ``"Barking & Dagenham"`` and ``"Barking and Dagenham"`` both give ``"barking and dagenham"``.
    """
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    text = text.lower().replace("&", " and ")
    text = re.sub(r"['’`.]", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    text = re.sub(r"\bsaint\b", "st", text)
    return _ALIASES.get(text, text)
