"""The program's log file: rotated, in the user log folder, and free of personal data.

Log messages name records by id or code and never carry entry texts or contact details; as a
safety net, a filter masks anything that looks like a phone or ID-card number before it is written.
"""

from __future__ import annotations

import functools
import logging
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

from desk_app import paths

LOG_FILE_NAME = "desk_app.log"
MAX_BYTES = 1024 * 1024
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(process)d %(name)s: %(message)s"

# 11-digit mobiles, landlines with area code, 15/18-character ID numbers.
SENSITIVE_PATTERN = r"(?<!\d)(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\d{17}[\dXx]|\d{15})(?!\d)"


@functools.cache
def _sensitive() -> re.Pattern:
    """Compiled when the first message is written: compiling it costs the window's start a hundredth of a second."""
    return re.compile(SENSITIVE_PATTERN)

_handler: RotatingFileHandler | None = None


class _MaskPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = _sensitive().sub("***", message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = _sensitive().sub("***", logging.Formatter().formatException(record.exc_info))
        return True


def log_file() -> Path:
    return paths.log_dir() / LOG_FILE_NAME


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send the root logger to the rotating log file; returns its path (None if it cannot be written)."""
    global _handler
    path = log_file()
    root = logging.getLogger()
    if _handler is not None:
        if Path(_handler.baseFilename) == path:
            return path
        root.removeHandler(_handler)
        _handler.close()
        _handler = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
    except OSError:
        return None  # a read-only profile must not stop the program
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(_MaskPersonalData())
    root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    _handler = handler
    return path


def shutdown_logging() -> None:
    global _handler
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None
