"""London Hot Spots: helpers for fact-checking an article on London's crime hot spots."""

__version__ = "0.1.0"
