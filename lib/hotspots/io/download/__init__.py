"""Fetching the raw data from its publishers (resumable, checksummed, with a manifest)."""
