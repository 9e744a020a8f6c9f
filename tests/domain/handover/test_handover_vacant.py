"""Vacant rooms (空置房; seed 000 §4.5.3): inspected on the schedule the setting gives, each visit recorded
with its findings and photos; a room not vacant, a failed visit with nothing written down, a visit in
the future, a file that is not a photo, a role that may not inspect: each refused, nothing written."""
import datetime as dt
import io

import pytest

from models.errors import Conflict, InvalidInput, NotAllowed, NotFound
from tests.domain.handover.conftest import TODAY

NOW = dt.datetime.now().replace(microsecond=0)


def jpeg(size=(1200, 900)) -> bytes:
    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", size, (120, 160, 200)).save(out, "JPEG")
    return out.getvalue()


def _written():
    from models.attachments import Attachment
    from models.audit import AuditLog
    from models.handover.tables import VacantInspection
    return AuditLog.select().count(), VacantInspection.select().count(), Attachment.select().count()


@pytest.fixture
def rooms(estate):
    """The vacant rooms of the small estate, by number (1201 is owned and let; the others are new)."""
    from models.records.estate import VACANT, Room
    return {r.number: r for r in Room.select().where(Room.state == VACANT)}


def test_every_follows_the_setting(db, admin):
    from models import settings
    from models.handover.vacant import every
    assert every() == 30
    settings.set_value(admin, "vacant.inspect_days", 7)
    assert every() == 7
    with pytest.raises(InvalidInput):
        settings.set_value(admin, "vacant.inspect_days", 0)


def test_rooms_never_inspected_are_due_first_then_the_longest_unseen(rooms, clerk):
    from models.handover.vacant import due_rooms, inspect
    assert {"1202", "1301", "101"} <= set(rooms)
    assert [code for _id, code, seen, days in due_rooms()] == sorted(r.code for r in rooms.values())
    assert all(seen is None and days is None for _id, _code, seen, days in due_rooms())
    inspect(clerk, rooms["1202"].id, True, at=NOW - dt.timedelta(days=40))
    inspect(clerk, rooms["101"].id, True, at=NOW - dt.timedelta(days=35))
    inspect(clerk, rooms["1301"].id, True, at=NOW - dt.timedelta(days=3))
    due = due_rooms()
    assert [(code, days) for _id, code, _seen, days in due] == [("3-2-1202", 40), ("3-2-101", 35)]
    assert due[0][2] == NOW - dt.timedelta(days=40)


def test_a_room_is_due_on_the_day_the_schedule_says(rooms, clerk, admin):
    from models import settings
    from models.handover.vacant import due_rooms, inspect
    room = rooms["1202"]
    inspect(clerk, room.id, True, at=NOW - dt.timedelta(days=1))

    def due(today):
        return room.id in {room_id for room_id, *_rest in due_rooms(today)}
    assert not due(TODAY) and not due(TODAY + dt.timedelta(days=28))
    assert due(TODAY + dt.timedelta(days=29))                 # 30 days since the visit
    settings.set_value(admin, "vacant.inspect_days", 7)
    assert not due(TODAY + dt.timedelta(days=5)) and due(TODAY + dt.timedelta(days=6))


def test_only_the_latest_visit_counts(rooms, clerk):
    from models.handover.vacant import due_rooms, inspect
    room = rooms["1202"]
    inspect(clerk, room.id, True, at=NOW - dt.timedelta(days=60))
    assert room.id in {r[0] for r in due_rooms()}
    inspect(clerk, room.id, True, at=NOW - dt.timedelta(days=2))
    assert room.id not in {r[0] for r in due_rooms()}


def test_a_room_handed_over_leaves_the_schedule(estate, vacant, handed):
    from models.handover.vacant import due_rooms
    assert vacant.id not in {r[0] for r in due_rooms()}


def test_a_visit_is_recorded_with_its_findings_and_photos(rooms, clerk):
    from models.attachments import JPEG, attachments_of, content
    from models.audit import AuditLog
    from models.handover.vacant import inspect
    made = inspect(clerk, rooms["1202"].id, False, "卫生间天花渗水", photos=[("ceiling.jpg", jpeg()),
                                                                          ("wall.jpg", jpeg((300, 200)))])
    assert (made.passed, made.findings, made.inspector) == (False, "卫生间天花渗水", "李静")
    files = attachments_of("vacant_inspection", made.id)
    assert [(f.filename, f.label, f.mime) for f in files] == [("ceiling.jpg", "现场照片", JPEG),
                                                              ("wall.jpg", "现场照片", JPEG)]
    assert max(files[0].width, files[0].height) <= 2000 and files[0].thumb
    assert content(files[1].id)[1][:3] == b"\xff\xd8\xff"
    assert AuditLog.select().where((AuditLog.entity == "vacant_inspection") & (AuditLog.entity_id == made.id)
                                   & (AuditLog.action == "vacant.inspect")).count() == 1
    quiet = inspect(clerk, rooms["101"].id, True)
    assert quiet.findings == "正常" and attachments_of("vacant_inspection", quiet.id) == []


@pytest.mark.parametrize("passed, findings, at, photos, error, says", [
    (False, "", None, (), InvalidInput, "写明"),
    (False, "  ", None, (), InvalidInput, "写明"),
    (True, "", NOW + dt.timedelta(hours=2), (), InvalidInput, "未来"),
    (True, "", "明天上午", (), InvalidInput, "明天上午"),
    (False, "门锁损坏", None, [("scan.jpg", b"not a photo at all")], InvalidInput, "scan.jpg"),
    (False, "门锁损坏", None, [("empty.jpg", b"")], InvalidInput, "empty.jpg"),
])
def test_a_bad_visit_is_refused_and_nothing_written(rooms, clerk, passed, findings, at, photos, error, says):
    from models.handover.vacant import inspect
    before = _written()
    with pytest.raises(error, match=says):
        inspect(clerk, rooms["1202"].id, passed, findings, at=at, photos=photos)
    assert _written() == before


def test_a_room_not_vacant_or_not_there_is_not_inspected(estate, vacant, handed, clerk):
    from models.handover.vacant import inspect
    before = _written()
    with pytest.raises(Conflict, match="已不是空置房"):
        inspect(clerk, vacant.id, True, photos=[("door.jpg", jpeg())])
    with pytest.raises(NotFound):
        inspect(clerk, 99999, True)
    assert _written() == before


def test_only_who_may_inspect_does(rooms, finance, engineer):
    from models.handover.vacant import inspect
    before = _written()
    with pytest.raises(NotAllowed):
        inspect(finance, rooms["1202"].id, True)
    assert _written() == before
    assert inspect(engineer, rooms["1202"].id, True).inspector == "赵工"
