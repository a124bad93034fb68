"""Stage 6, publishing: running the notebooks and building the site readers browse."""
