"""Stage 3, statistics: arrays, tables and panels in, result objects out.

No module here reads a file, knows a project path, draws or decides a verdict. ``spatial``
holds the spatial statistics (weights, Moran's I, Getis-Ord Gi*, multiple testing, rates),
``evaluation`` the designs for the patrol-effect claims (difference-in-differences, synthetic
control, displacement, power).
"""
