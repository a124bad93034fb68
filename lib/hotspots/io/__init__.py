"""Stage 1, reading files: every loader of a source in the data folder.

Each loader validates its file (errors name the file, the row and the problem), accounts for
every record in a :class:`~hotspots.io.ledger.LoadReport` and caches the tidy table as Parquet
keyed by the source's checksum. Nothing here computes a statistic or draws.
"""
