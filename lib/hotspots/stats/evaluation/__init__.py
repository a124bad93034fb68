"""Evaluation designs for "focused patrols reduce crime": panels, difference-in-differences and
event studies, synthetic control, displacement (WDQ) and power (minimum detectable effects)."""
