"""A room's timeline with the handover part's lines (booked, handed over, defects found, repaired and
confirmed, its keys entrusted, lent, returned and lost, its vacant-room inspections), each opening its
record; and the toolbar's search for a form's number, a loan's number, a key's tag or hook."""
import datetime as dt

import pytest

from models import searching
from models.timeline import room_timeline
from tests.domain.handover.conftest import TODAY, handover_input

YEAR = TODAY.year


def _lines(room_id, kinds=("handover", "handover_defect", "cabinet_key", "key_loan", "vacant_inspection", "person")):
    return [(e.what, e.detail, e.kind, e.record_id) for e in room_timeline(room_id) if e.kind in kinds]


@pytest.fixture
def history(estate, vacant, clerk, engineer, supervisor):
    """1301 inspected while vacant, booked, handed over on its appointment (two defects, one repaired and
    confirmed); its owner entrusts the key, which is lent, returned, lent again and lost."""
    from models.handover import handing, keys
    from models.handover import vacant as rooms
    from models.handover.tables import ENTRUSTED, Appointment, Defect
    seen = rooms.inspect(clerk, vacant.id, False, "阳台门未关", at=dt.datetime.now() - dt.timedelta(days=2))
    booked = handing.book(clerk, vacant.id, dt.datetime.now() + dt.timedelta(hours=2), "张伟", "13812345678",
                          person_id=estate["owner"].id)
    Appointment.update(made_at=dt.datetime.now() - dt.timedelta(days=1)).where(Appointment.id == booked.id).execute()
    handed = handing.hand_over(clerk, handover_input(estate, vacant, appointment_id=booked.id))
    first = Defect.select().where(Defect.handover == handed.id).order_by(Defect.id).first()
    handing.repaired(engineer, first.id, "已更换密封条")
    handing.confirmed(engineer, first.id, "张伟")
    key = keys.add_key(supervisor, keys.KeyInput("E-001", ENTRUSTED, "入户门", room_id=vacant.id,
                                                 entrusted_by=estate["owner"].id, entrusted_scope="维修水管时使用",
                                                 entrusted_until=TODAY + dt.timedelta(days=30)))
    loan = keys.lend(clerk, keys.LoanInput(key.tag, "刘师傅", "维修水管", unit="安居维修"))
    keys.take_back(clerk, "E-001", "刘师傅")
    again = keys.lend(clerk, keys.LoanInput("E-001", "王工", "查看渗水"))
    keys.report_lost(clerk, "E-001", "copy_made", "王工遗失")
    return dict(seen=seen, booked=booked, handed=handed, first=first, key=key, loan=loan, again=again)


def test_the_room_timeline_tells_the_handover_story(history, vacant):
    lines = _lines(vacant.id)
    by_what = {what: (detail, kind, record) for what, detail, kind, record in lines}
    handed, first, key = history["handed"], history["first"], history["key"]
    booked = [x for x in lines if x[0].startswith("预约交房")]
    assert len(booked) == 1 and booked[0][2:] == ("handover", handed.id) and "张伟" in booked[0][1]
    assert "已交房" in booked[0][1] and "李静" in booked[0][1]
    detail, kind, record = by_what[f"办理交房：交房确认单 {handed.serial}"]
    assert (kind, record) == ("handover", handed.id) and "张伟" in detail and "发现问题 2 项" in detail
    assert by_what["验房问题：主卧 窗框渗水"][1:] == ("handover_defect", first.id)
    assert "开发商" in by_what["验房问题：主卧 窗框渗水"][0]
    assert by_what["验房问题已维修：主卧 窗框渗水"] == ("赵工 已更换密封条", "handover_defect", first.id)
    assert by_what["业主确认整改：主卧 窗框渗水"] == ("张伟", "handover_defect", first.id)
    assert "验房问题：客厅 墙面裂缝 30cm" in by_what and "验房问题已维修：客厅 墙面裂缝 30cm" not in by_what
    assert by_what["业主委托钥匙 E-001 入柜"][1:] == ("cabinet_key", key.id)
    assert "维修水管时使用" in by_what["业主委托钥匙 E-001 入柜"][0]
    lent = by_what[f"钥匙 E-001 借出：借用单 {history['loan'].serial}"]
    assert lent[1:] == ("key_loan", history["loan"].id) and lent[0].startswith("刘师傅，安居维修：维修水管，应还 ")
    assert by_what[f"钥匙 E-001 归还：借用单 {history['loan'].serial}"][0] == "归还人 刘师傅，经办人 李静"
    assert by_what["钥匙 E-001 遗失"] == ("已配钥匙 王工遗失 李静", "key_loan", history["again"].id)
    assert by_what["空置房巡查"] == ("李静 发现问题：阳台门未关", "vacant_inspection", history["seen"].id)


def test_the_timeline_is_newest_first(history, vacant):
    events = [e for e in room_timeline(vacant.id) if e.kind in ("handover", "vacant_inspection", "key_loan")]
    assert [e.at for e in events] == sorted((e.at for e in events), reverse=True)
    assert events[-1].kind == "vacant_inspection"           # looked at two days before it was handed over


def test_a_room_with_none_of_it_has_no_lines(estate):
    assert _lines(estate["rooms"][3].id, kinds=("handover", "handover_defect", "key_loan", "vacant_inspection")) == []


def test_an_appointment_not_yet_kept_opens_the_person_who_booked(estate, clerk):
    from models.handover import handing
    room = estate["rooms"][1]
    handing.book(clerk, room.id, dt.datetime.now() + dt.timedelta(days=1), "张伟", person_id=estate["owner"].id)
    handing.book(clerk, room.id, dt.datetime.now() + dt.timedelta(days=2), "李先生")
    lines = [x for x in _lines(room.id) if x[0].startswith("预约交房")]
    assert sorted(((kind, record) for _w, _d, kind, record in lines), key=str) == sorted(
        [("person", estate["owner"].id), ("person", None)], key=str)


# --- the toolbar's search ----------------------------------------------------------------------------

def _hits(text, kind):
    return [h for h in searching.search(text) if h.kind == kind]


def test_a_form_number_finds_the_form(history, vacant):
    handed = history["handed"]
    for typed in (handed.serial, handed.serial.lower(), f"JF{YEAR}-1", f"No.JF{YEAR}-000001"):
        hit, = _hits(typed, "handover")
        assert (hit.id, hit.title, hit.room_id, hit.own_page) == (handed.id, handed.serial, vacant.id, True), typed
        assert "3栋2单元1301" in hit.detail and "张伟" in hit.detail
    assert _hits(f"JF{YEAR}-000009", "handover") == [] and _hits(f"{YEAR}-1", "handover") == []


def test_a_loan_number_finds_the_loan(history):
    loan = history["loan"]
    hit, = _hits(loan.serial, "key_loan")
    assert (hit.id, hit.title, hit.own_page) == (loan.id, loan.serial, True)
    assert "E-001" in hit.detail and "刘师傅" in hit.detail and "已归还" in hit.detail
    lost, = _hits(history["again"].serial, "key_loan")
    assert "遗失" in lost.detail
    assert _hits(f"JY{YEAR}-000099", "key_loan") == [] and _hits(loan.serial, "handover") == []


def test_a_tag_scanned_or_a_hook_typed_finds_the_key(cabinet, clerk):
    from models.handover.keys import LoanInput, lend
    lend(clerk, LoanInput("A-001", "刘师傅", "维修水管"))
    key = cabinet["vacant"]
    for typed in (key.tag, key.tag.lower(), "K1", "a-001", " A-001 "):
        hit, = _hits(typed, "cabinet_key")
        assert (hit.id, hit.room_id, hit.own_page) == (key.id, key.room_id, True), typed
        assert hit.title == "A-001 K000001" and "借给刘师傅" in hit.detail and "3栋2单元101" in hit.detail
    public, = _hits("B-001", "cabinet_key")
    assert public.room_id is None and "3栋配电房" in public.detail and "在柜" in public.detail
    assert _hits("K999999", "cabinet_key") == [] and _hits("Z-404", "cabinet_key") == []
    assert _hits("张伟", "cabinet_key") == []
