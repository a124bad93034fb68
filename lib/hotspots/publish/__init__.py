"""Stage 6, publishing: running the notebooks, their verdict boxes, and the offline book."""
