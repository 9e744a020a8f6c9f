"""The records part's printed documents: the owner record card (registered as a document)."""
from __future__ import annotations

from models.errors import InvalidInput, NotFound
from models.i18n import _
from reports.pdf.registry import Document, register_document


def room_named(text: str):
    """The room a clerk typed (3-2-1201 or 3栋2单元1201), or a Chinese refusal."""
    from models.records.estate import find_room
    if not (text or "").strip():
        raise InvalidInput(_("Name the room, e.g. 3-2-1201 or 3栋2单元1201."), field="room")
    room = find_room(text)
    if room is None:
        raise NotFound(_("No room {room}.").format(room=text), field="room")
    return room


def _card(actor, room_id: int, _options: dict) -> bytes:
    from models.records.cards import owner_card_for
    from reports.pdf.records.owner_card import build_owner_card
    return build_owner_card(owner_card_for(actor, room_id))


def _card_name(room_id: int) -> str:
    from models.records.estate import get_room
    from reports.pdf.records.owner_card import TITLE
    return f"{TITLE} {get_room(room_id).code}"


CARD = register_document(Document("card", "Owner record card", "the room (3-2-1201)",
                                  find=lambda text: room_named(text).id, make=_card, name=_card_name))
