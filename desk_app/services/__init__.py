"""Services: the only way the rest of the program reads or writes data.

Each module covers one area, owns its transactions (context.writes) and returns plain dataclasses.
"""
