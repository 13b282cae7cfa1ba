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
