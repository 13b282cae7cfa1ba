"""Progress reporting and cancel for exports and imports: the program-wide contract of desk_app.progress."""

from __future__ import annotations

from desk_app.progress import Cancelled, Progress, report

__all__ = ["Cancelled", "Progress", "report"]
