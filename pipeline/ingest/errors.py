"""The exceptions ingestion raises for bad input, and the failure record it yields instead of raising.

Callers catch ``IngestError`` to tell a bad input from a bug; ``iter_documents`` turns each one into an
``IngestFailure`` so one bad file never stops a batch.
"""

from __future__ import annotations

from dataclasses import dataclass


class IngestError(Exception):
    """An input that cannot become a document; the message is a one-line reason for the user."""


class MissingInput(IngestError):
    """The path does not exist (or is not a readable file)."""


class EmptyInput(IngestError):
    """The input holds no text once whitespace and page debris are gone."""


class NotText(IngestError):
    """The input is binary or a format that has no text to read (an image, a scanned PDF)."""


class UndecodableInput(IngestError):
    """The bytes are not valid text in any encoding ingestion knows."""


@dataclass(frozen=True)
class IngestFailure:
    """One input that produced no document: where it came from and why, in one line."""

    source: str
    reason: str


__all__ = ["EmptyInput", "IngestError", "IngestFailure", "MissingInput", "NotText", "UndecodableInput"]
