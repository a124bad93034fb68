"""One module per notebook: the only notebook-shaped code.

Each module is named as its notebook (``headline_figures`` for ``01_headline_figures``) and
composes the stages below (``io``, ``geo``, ``stats``, ``claims``, ``viz``) into the tables and
figures that notebook shows.
"""
