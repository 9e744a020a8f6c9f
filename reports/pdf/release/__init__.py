"""The release part's printed document: the release slip (物品放行条), registered as a document.

It is gathered by ``models.release.printed.slip_for(actor, ...)`` (which checks that the actor
may see release slips) and built by ``slip.build_slip``; the window's preview and the command
line's ``print release FX2026-000123`` make it through the same registry entry.
"""
from __future__ import annotations

from models.errors import InvalidInput
from models.i18n import _
from reports.pdf.registry import Document, Option, register_document

PAPERS = ("A4", "A5")


def paper_of(options: dict) -> str:
    """A4 (both parts on one sheet, the default) or A5 (one part a sheet), as typed."""
    paper = (options.get("paper") or "A4").strip().upper()
    if paper not in PAPERS:
        raise InvalidInput(_("Paper {value} is neither A4 nor A5.").format(value=paper[:20]), field="paper")
    return paper


def _slip(actor, slip_id: int, options: dict) -> bytes:
    from models.release.printed import slip_for
    from reports.pdf.release.slip import build_slip
    paper = paper_of(options)
    return build_slip(slip_for(actor, slip_id), paper)


def _slip_name(slip_id: int) -> str:
    from models.release.slips import ReleaseSlip
    from reports.pdf.release.parts import TITLE
    slip = ReleaseSlip.get_or_none(ReleaseSlip.id == slip_id)
    return f"{TITLE} {slip.serial}" if slip else TITLE


def _slip_named(text: str) -> int:
    from models.release.gate import find_slip
    if not (text or "").strip():
        raise InvalidInput(_("Give the slip's number, e.g. FX2026-000123."), field="number")
    return find_slip(text).id


RELEASE = register_document(Document(
    "release", "Release slip", "its number (FX2026-000123)", find=_slip_named, make=_slip, name=_slip_name,
    options=(Option("paper", "paper: A4 (both parts on one sheet, the default) or A5 (one part a sheet)", "A4"),)))
