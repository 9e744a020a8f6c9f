"""One error family. The message of each is already the sentence a clerk reads."""
from __future__ import annotations


class DomainError(Exception):
    """A rule said no. ``str(error)`` is shown to the user as it is."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field  # the input that is wrong, so a form can focus it

    def __str__(self) -> str:
        return self.message


class InvalidInput(DomainError):
    """The input itself is wrong (a bad ID number, a negative area...)."""


class NotAllowed(DomainError):
    """The acting user's role may not do this."""


class Conflict(DomainError):
    """The input is fine but clashes with what is recorded (a duplicate room...)."""


class NotFound(DomainError):
    """The record asked for does not exist."""


class DatabaseRefused(DomainError):
    """The database file cannot be used by this version of the program."""


class Cancelled(DomainError):
    """The user cancelled long work; its transaction was rolled back."""


# Long work reports progress through a callable ``progress(done, total)``; the
# caller (a progress dialog) raises ``Cancelled`` from it to stop the work.
