"""The registry of printable documents, whichever part brings them.

A part registers its documents from its ``reports/pdf/<part>/__init__.py``::

    register_document(Document("receipt", "Receipt", "its number (2026-000123)",
                               find=_receipt_named, make=_receipt, name=_receipt_name))

``find(text)`` turns what a clerk types (a room, a receipt's number) into the document's target
(a record id), saying in Chinese what is wrong; ``make(actor, target, options)`` gathers the
document through the part's ``*_for(actor, ...)`` function in models/ (which checks the actor's
permission) and returns the PDF's bytes; ``name(target)`` is the printed name and number a
preview shows as its title and offers as the file name. The window's preview and the command
line's ``print`` both make a document here, so they never print it two ways.

``options`` are the document's own settings, as typed (``--min-months 3``): a dict of each
declared ``Option``'s name to its text ("" when not given); ``make`` reads and checks them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from models import parts
from models.errors import InvalidInput
from models.i18n import _

@dataclass(frozen=True)
class Option:
    """A setting of a document: ``name`` as the code reads it (min_months), ``--min-months`` as typed."""
    name: str
    help: str                      # English, translated when shown
    default: str = ""

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")


@dataclass(frozen=True)
class Document:
    """A printable document: ``key`` as the command line names it, ``title`` (English, translated when
    shown), ``takes`` (English: what names the one to print), and how it is found, made and named."""
    key: str
    title: str
    takes: str
    find: Callable[[str], Any]
    make: Callable[[Any, Any, dict], bytes]
    name: Callable[[Any], str] | None = None
    options: tuple[Option, ...] = ()


DOCUMENTS: dict[str, Document] = {}


def register_document(document: Document) -> Document:
    """Add a document (a part calls this when its package is imported); a key is registered once."""
    existing = DOCUMENTS.get(document.key)
    if existing is not None and existing is not document:
        raise ValueError(f"document {document.key!r} is registered twice")
    DOCUMENTS[document.key] = document
    return document


def all_documents() -> list[Document]:
    """Every document, in the manifest's order of the parts (then each part's own order)."""
    parts.load("reports.pdf")
    return list(DOCUMENTS.values())


def get_document(key: str) -> Document:
    """The document called ``key``; refuses an unknown one, naming those there are."""
    documents = {d.key: d for d in all_documents()}
    if key not in documents:
        raise InvalidInput(_("There is no document called {key}; the documents are {keys}.").format(
            key=key, keys="、".join(documents)))
    return documents[key]


def all_options() -> list[Option]:
    """Every document's options, once each by name (two documents may share one, --as-of)."""
    seen: dict[str, Option] = {}
    for document in all_documents():
        for option in document.options:
            seen.setdefault(option.name, option)
    return list(seen.values())


def make_document(actor, key: str, text: str, options: dict | None = None) -> bytes:
    """The document called ``key`` for what ``text`` names, as ``actor`` prints it."""
    document = get_document(key)
    values = {option.name: option.default for option in document.options}
    values.update({k: v for k, v in (options or {}).items() if k in values and v not in (None, "")})
    return document.make(actor, document.find(text), values)
