"""What every money document prints the same way: the payment method, the office, the room.

Printed words are Chinese whatever the screen language (FORMS.md).
"""
from __future__ import annotations

from models import settings
from models.money.ledger import PRINTED_METHODS
from models.records.estate import Room


def method_label(key: str) -> str:
    """The method as printed: always Chinese (a form is Chinese whatever the screen language)."""
    return PRINTED_METHODS.get(key, key)


def office_lines() -> tuple[str, str, str]:
    """The letterhead: the office's name, phone and address."""
    return settings.office_name(), settings.shown("office.phone"), settings.shown("office.address")


PRINTED_USES = {"residential": "住宅", "shop": "商铺", "office": "写字楼", "parking": "车位", "storage": "储藏室"}


class RoomLabels:
    """The room as a form names it, for one document or one print run.

    A room of a residential building is 3栋2单元1201. A parking space, or any room of a building
    with no homes in it (a garage P1, a storage block), is not in a 栋 at all: it prints as its
    use and its code, 车位 P1-B1022, instead of the meaningless P1栋B1022. Which buildings hold
    homes is asked once per run, not once per room.
    """

    def __init__(self) -> None:
        self._homes: dict[int, bool] = {}

    def _has_homes(self, building_id: int) -> bool:
        if building_id not in self._homes:
            self._homes[building_id] = (Room.select().where((Room.building == building_id)
                                                            & (Room.use == "residential")).exists())
        return self._homes[building_id]

    def __call__(self, room: Room) -> str:
        if room.use == "parking" or not self._has_homes(room.building_id):
            return f"{PRINTED_USES.get(room.use, '')} {room.code}".strip()
        return room.label


def printed_room_label(room: Room) -> str:
    """One room as printed (see ``RoomLabels``)."""
    return RoomLabels()(room)
