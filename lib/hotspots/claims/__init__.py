"""Stage 4, claims: the evidence registry and the rules that decide verdicts.

Nothing here computes a statistic: a rule (:mod:`hotspots.claims.verdicts`) takes evidence
already computed and returns a verdict; a notebook records it with :func:`record`::

    from hotspots import claims
    from hotspots.claims import verdicts

    evidence = claims.record("01_headline_figures")
    evidence.primary("london-total-2024", verdicts.number("london-total-2024", totals),
                     source="Met borough file", figure="figures/01_candidate_search.png")
    evidence.save()
"""

from hotspots.claims import verdicts
from hotspots.claims.registry import (
    Evidence,
    Record,
    Registry,
    export_registry,
    load_registry,
    record,
)

__all__ = ["Evidence", "Record", "Registry", "export_registry", "load_registry", "record",
           "verdicts"]
