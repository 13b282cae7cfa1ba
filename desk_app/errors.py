"""Typed errors. Each carries a message in Chinese that tells the clerk what is wrong and what to do."""

from __future__ import annotations


class DeskAppError(Exception):
    """Base of every error the program expects; its message is shown to the user as is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ValidationError(DeskAppError):
    """Bad input for one field (field is the model field name, '' for the whole record)."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.field = field


class ValidationErrors(DeskAppError):
    """Several field errors found at once, so a form can mark them all."""

    def __init__(self, errors: list[ValidationError]):
        super().__init__("；".join(e.message for e in errors))
        self.errors = errors

    def by_field(self) -> dict[str, str]:
        return {e.field: e.message for e in self.errors}


class NotFoundError(DeskAppError):
    pass


class WorkflowError(DeskAppError):
    """A status transition that the rules do not allow (e.g. 销号 without evidence)."""


class DatabaseError(DeskAppError):
    """The database cannot be opened or used."""


class DatabaseTooNewError(DatabaseError):
    pass


class DatabaseCorruptError(DatabaseError):
    pass


class ReadOnlyError(DeskAppError):
    pass


class InputFileError(DeskAppError):
    """An imported file (xlsx, zip package) is broken, hostile or of the wrong kind."""


class FieldConflict:
    """One field of a stale save: what the clerk typed (yours), what is stored now (theirs) and, when the
    editor knew it, what both started from (base). Values are the stored kind (ids, dates); the texts are
    what a clerk reads (names, 2026-11-23)."""

    __slots__ = ("name", "label", "yours", "theirs", "base", "yours_text", "theirs_text", "base_text", "known_base")

    def __init__(self, name: str, label: str, yours, theirs, *, base=None, yours_text: str = "",
                 theirs_text: str = "", base_text: str = "", known_base: bool = False):
        self.name, self.label = name, label
        self.yours, self.theirs, self.base = yours, theirs, base
        self.yours_text, self.theirs_text, self.base_text = yours_text, theirs_text, base_text
        self.known_base = known_base

    @property
    def both_changed(self) -> bool:
        """Both sides moved away from the base (or the base is unknown): the clerk has to choose."""
        return not self.known_base or (self.yours != self.base and self.theirs != self.base)

    @property
    def suggestion(self) -> str:
        """'yours', 'theirs' or '' (a real conflict: no side suggested)."""
        if not self.known_base:
            return ""
        if self.theirs == self.base:
            return "yours"
        if self.yours == self.base:
            return "theirs"
        return ""

    def __repr__(self) -> str:
        return f"FieldConflict({self.name!r}, yours={self.yours!r}, theirs={self.theirs!r}, base={self.base!r})"


class StaleVersionError(DeskAppError):
    """A save based on a version of a record that someone else has changed since: nothing was written.
    `fields` lists every field where the clerk's values differ from the stored ones, for a merge view;
    saving again with base_version=current_version (after choosing) goes through."""

    def __init__(self, message: str, *, entity: str, record_id: int, label: str, base_version: int,
                 current_version: int, fields: list[FieldConflict], changed_by: str = "", changed_at=None):
        super().__init__(message)
        self.entity, self.record_id, self.label = entity, record_id, label
        self.base_version, self.current_version = base_version, current_version
        self.fields = fields
        self.changed_by, self.changed_at = changed_by, changed_at

    def by_field(self) -> dict[str, FieldConflict]:
        return {f.name: f for f in self.fields}


class ConcurrentWriteError(DeskAppError):
    """Another writer kept getting in the way (a lock, a serialization failure, a row changed under a save)
    after every retry; nothing of this change was written."""


class PermissionDeniedError(DeskAppError):
    """The clerk's role on the shared database does not allow this change; nothing was written."""
