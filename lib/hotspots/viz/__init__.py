"""Stage 5, figures: the house style, maps and charts (every figure saved by one function)."""
