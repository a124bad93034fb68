"""Evaluation designs for "focused patrols reduce crime": panels, difference-in-differences and
event studies, synthetic control, displacement (WDQ), power (minimum detectable effects) and
inference with few, unequal treated clusters (randomisation inference, wild cluster bootstrap)."""
