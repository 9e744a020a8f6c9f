"""A room's timeline gathers every part's events, newest first (issue 15)."""
from models.money.cashier import DeskItem, Payment, take_payment
from models.timeline import SOURCES, room_timeline


def test_every_part_adds_its_events_and_they_read_newest_first(estate, clerk):
    import models.money  # noqa: F401
    import models.records  # noqa: F401
    assert {"records", "money"} <= set(SOURCES)
    room = estate["rooms"][0]
    receipt = take_payment(clerk, room.id, Payment("张伟", "cash", items=[DeskItem("garbage_fee")]))
    events = room_timeline(room.id)
    assert [e.at for e in events] == sorted((e.at for e in events), reverse=True)
    assert (events[0].kind, events[0].record_id) == ("receipt", receipt.id)
    assert {e.kind for e in events} == {"receipt", "person"}
    assert room_timeline(estate["rooms"][3].id) == []          # nothing happened to 3-2-101
