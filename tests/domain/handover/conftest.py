"""A small estate for the handover rules (tests/conftest.py's estate): rooms 1202, 1301 and 101 are new
and vacant with no owner; 张伟 (ID on file) is buying 1301; a few keys hang in the cabinet."""
import datetime as dt

import pytest

TODAY = dt.date.today()


@pytest.fixture
def vacant(estate):
    from models.records.estate import Room
    return Room.get_by_id(estate["rooms"][2].id)          # 3-2-1301, vacant, no owner yet


def handover_input(estate, room, **changes):
    from models.handover.handing import DefectInput, HandoverInput, Reading
    given = HandoverInput(
        room_id=room.id, owner_id=estate["owner"].id, documents=["购房合同", "业主身份证"],
        readings=[Reading("water", "SB-1301", "12.5"), Reading("electricity", "DB-1301", "305"),
                  Reading("gas", "RQ-1301", "0")],
        keys=[("入户门", 3), ("信报箱", 2)],
        defects=[DefectInput("主卧", "窗框渗水", "developer", TODAY + dt.timedelta(days=10)),
                 DefectInput("客厅", "墙面裂缝 30cm", "engineering")],
        deed_no="粤(2026)深圳市不动产权第0012345号")
    for name, value in changes.items():
        setattr(given, name, value)
    return given


@pytest.fixture
def handed(estate, vacant, clerk):
    from models.handover.handing import hand_over
    return hand_over(clerk, handover_input(estate, vacant))


@pytest.fixture
def cabinet(estate, supervisor):
    """A vacant room's key, a public area's, and a key 张伟 entrusted until a week from now."""
    from models.handover.keys import KeyInput, add_key
    from models.handover.tables import ENTRUSTED, PUBLIC, VACANT_ROOM
    return dict(
        vacant=add_key(supervisor, KeyInput("A-001", VACANT_ROOM, "入户门", room_id=estate["rooms"][3].id)),
        public=add_key(supervisor, KeyInput("B-001", PUBLIC, "配电房门", area="3栋配电房", copies=2)),
        entrusted=add_key(supervisor, KeyInput("C-001", ENTRUSTED, "入户门", room_id=estate["rooms"][0].id,
                                               entrusted_by=estate["owner"].id, entrusted_scope="维修水管时使用",
                                               entrusted_until=TODAY + dt.timedelta(days=7))))
