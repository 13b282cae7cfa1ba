"""desk_app's Qt layer. Reaches data only through desk_app.services."""

from .pyside_workarounds import protect_singletons

# Before any signal is emitted: PySide6 6.12 on Python 3.11 leaks references away from True/None.
protect_singletons()
