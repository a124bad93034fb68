"""Stage 2, pure geometry: coordinate systems, grids and assigning points or areas to units.

No file is read here: functions take coordinates and geometries and return tables.
"""
