"""Estate and owner records: operations, their refusals, history and audit."""
import dataclasses
import datetime as dt
import json

import pytest

from models.records import estate as e
from models.records import people as p
from models.audit import AuditLog
from models.errors import Conflict, InvalidInput, NotAllowed
from models.records.people import Person, RoomParty


def counts():
    return (e.Room.select().count(), Person.select().count(), RoomParty.select().count(), AuditLog.select().count())


def test_room_created_with_floor_code_and_audit(db, supervisor):
    room = e.create_room(supervisor, e.RoomInput("3", "2单元", "1201", "89.50", "住宅", "空置"))
    assert (room.code, room.floor, room.area_dm2, room.use, room.state) == ("3-2-1201", 12, 8950, "residential",
                                                                            "vacant")
    assert room.label == "3栋2单元1201"
    entry = AuditLog.get(AuditLog.action == "room.create")
    assert entry.actor_name == "王芳" and json.loads(entry.after)["code"] == "3-2-1201"


def test_duplicate_room_numbers_are_refused(db, supervisor):
    e.create_room(supervisor, e.RoomInput("3", "2", "1201", "89.50"))
    before = counts()
    with pytest.raises(Conflict) as err:
        e.create_room(supervisor, e.RoomInput("３", "2", "1201", "90"))
    assert "已存在" in str(err.value)
    assert counts() == before


def test_negative_area_changes_nothing(db, supervisor):
    before = counts()
    with pytest.raises(InvalidInput):
        e.create_room(supervisor, e.RoomInput("3", "2", "1201", "-89"))
    assert counts() == before


def test_a_clerk_may_not_change_a_rooms_area(db, clerk, supervisor):
    room = e.create_room(supervisor, e.RoomInput("3", "2", "1201", "89.50"))
    with pytest.raises(NotAllowed) as err:
        e.update_room(clerk, room.id, e.RoomInput("3", "2", "1201", "120"))
    assert "客服专员李静无权修改楼栋和房屋" in str(err.value)
    assert e.get_room(room.id).area_dm2 == 8950


def test_person_with_no_name_is_refused(db, clerk):
    with pytest.raises(InvalidInput) as err:
        p.create_person(clerk, p.PersonInput("  "))
    assert err.value.field == "name"
    assert Person.select().count() == 0


def test_person_derives_birth_date_gender_and_search_keys(db, clerk):
    person = p.create_person(clerk, p.PersonInput("欧阳娜娜", id_number="44030419851212002３",
                                                  phones=[("139 0000 1111", "mobile"), ("0755-88886666", "home")],
                                                  vehicles=[("粤b12345", "B2-017")]))
    assert (person.gender, str(person.birth_date), person.initials) == ("F", "1985-12-12", "oynn")
    assert person.id_rev == "440304198512120023"[::-1]
    assert [x.number for x in person.phones] == ["13900001111", "0755-88886666"]
    assert person.vehicles[0].plate == "粤B12345"


def test_gender_contradicting_the_id_is_refused(db, clerk):
    with pytest.raises(InvalidInput) as err:
        p.create_person(clerk, p.PersonInput("张伟", id_number="110101199003077774", gender="女"))
    assert "性别与身份证号码不符" in str(err.value)


def test_same_id_twice_is_refused(db, clerk):
    p.create_person(clerk, p.PersonInput("张伟", id_number="110101199003077774"))
    with pytest.raises(Conflict) as err:
        p.create_person(clerk, p.PersonInput("张卫", id_number="110101199003077774"))
    assert "已登记在 张伟 名下" in str(err.value)


def test_update_keeps_before_and_after_in_the_audit(db, clerk):
    person = p.create_person(clerk, p.PersonInput("张伟", phones=[("13812345678", "mobile")]))
    p.update_person(clerk, person.id, p.PersonInput("张伟", phones=[("13812345679", "mobile")], employer="华为"))
    entry = AuditLog.get(AuditLog.action == "person.update")
    assert json.loads(entry.before)["phones"] == ["13812345678"]
    assert json.loads(entry.after)["phones"] == ["13812345679"]
    assert json.loads(entry.after)["employer"] == "华为"


def test_transfer_keeps_the_past(estate, clerk):
    room = estate["rooms"][0]
    buyer = p.create_person(clerk, p.PersonInput("王强", id_number="11010519491231002X"))
    p.transfer_ownership(clerk, room.id, [buyer.id], "2026-06-01", "粤房证2026-777")
    history = p.party_history(room.id)
    old = [x for x in history if x.person_id == estate["owner"].id][0]
    assert (str(old.end_date), old.end_reason) == ("2026-06-01", "transfer")
    assert [x.person.name for x in p.current_parties(room.id, (p.OWNER,))] == ["王强"]
    assert AuditLog.select().where(AuditLog.action == "ownership.transfer").count() == 1


def test_transfer_needs_deed_and_id_and_a_sane_date(estate, clerk):
    room = estate["rooms"][0]
    no_id = p.create_person(clerk, p.PersonInput("无证人"))
    buyer = p.create_person(clerk, p.PersonInput("王强", id_number="11010519491231002X"))
    before = counts()
    with pytest.raises(InvalidInput, match="房产证号"):
        p.transfer_ownership(clerk, room.id, [buyer.id], "2026-06-01", "")
    with pytest.raises(InvalidInput, match="没有登记证件号码"):
        p.transfer_ownership(clerk, room.id, [no_id.id], "2026-06-01", "D1")
    with pytest.raises(InvalidInput, match="早于"):
        p.transfer_ownership(clerk, room.id, [buyer.id], "2019-01-01", "D1")
    assert counts() == before


def test_tenancy_ending_before_it_starts_is_refused(estate, clerk):
    room = estate["rooms"][0]
    other = p.create_person(clerk, p.PersonInput("赵敏", id_number="11010519491231002X"))
    before = counts()
    with pytest.raises(InvalidInput) as err:
        p.move_in_tenant(clerk, room.id, other.id, "2026-05-01", "2026-04-30")
    assert "租期结束日（2026-04-30）早于开始日（2026-05-01）" in str(err.value)
    assert counts() == before


def test_move_in_and_out_change_the_rooms_state(estate, clerk):
    room = estate["rooms"][0]
    assert e.get_room(room.id).state == e.LET
    tenancy = p.current_parties(room.id, (p.TENANT,))[0]
    with pytest.raises(InvalidInput):
        p.end_tie(clerk, tenancy.id, "2024-12-31")
    p.end_tie(clerk, tenancy.id, "2026-11-30")
    assert e.get_room(room.id).state == e.HANDED_OVER
    with pytest.raises(Conflict):
        p.end_tie(clerk, tenancy.id, "2026-12-01")
    owner_tie = p.current_parties(room.id, (p.OWNER,))[0]
    with pytest.raises(Conflict, match="过户"):
        p.end_tie(clerk, owner_tie.id, "2026-12-01")


def test_id_copy_register_keeps_the_purpose(estate, clerk):
    copy = p.record_id_copy(clerk, estate["owner"].id, "办理过户", estate["rooms"][0].id)
    assert copy.stamp == "复件仅供办理过户之用"
    assert copy.taken_by == "李静" and copy.id_number == "110101199003077774"
    with pytest.raises(InvalidInput):
        p.record_id_copy(clerk, estate["owner"].id, "  ")


def test_occupancy_rates(estate):
    rates = e.occupancy_rates()
    assert rates["rooms"] == 4
    assert rates["residency"] == 0.25        # one room let of four


def test_free_text_keeps_chinese_punctuation(db, clerk, supervisor):
    room = e.create_room(supervisor, e.RoomInput("3", "2", "1201", "89.50", note="东边户，2023年（已改造）"))
    assert room.note == "东边户，2023年（已改造）"
    person = p.create_person(clerk, p.PersonInput("阿依古丽·买买提", employer="深圳市（南山）科技有限公司"))
    assert person.name == "阿依古丽·买买提" and person.employer == "深圳市（南山）科技有限公司"


def test_the_full_id_prints_only_for_supervisors_and_each_card_is_audited(estate, engineer, clerk, supervisor):
    """Issue 14 item 5: clerks see ID numbers masked everywhere; a full card is a recorded viewing."""
    from models.audit import AuditLog
    from models.records.cards import owner_card_for
    room = estate["rooms"][0].id
    masked = owner_card_for(clerk, room).owners[0]
    assert masked.id_number == "1101**********7774"
    assert masked.phones == ("13812345678",)                      # the desk calls owners: phones in full
    assert owner_card_for(engineer, room).owners[0].phones == ("138****5678",)
    assert not AuditLog.select().where(AuditLog.action == "personal.view").exists()
    assert owner_card_for(supervisor, room).owners[0].id_number == "110101199003077774"
    viewing = AuditLog.get(AuditLog.action == "personal.view")
    assert viewing.actor_name == "王芳" and viewing.entity_id == room and "3栋2单元1201" in viewing.summary


def test_a_masked_id_left_alone_in_the_form_keeps_the_recorded_number(estate, clerk):
    from models.users import revealed
    owner = estate["owner"]
    form = p.person_input_of(owner, revealed(clerk))
    assert form.id_number == "1101**********7774"
    p.update_person(clerk, owner.id, dataclasses.replace(form, employer="华强电子"))
    stored = p.get_person(owner.id)
    assert stored.id_number == "110101199003077774" and stored.employer == "华强电子"


def test_the_card_date_is_when_the_owner_was_recorded_not_the_print_date(estate, clerk):
    from models.records.cards import owner_card_for
    recorded = p.current_parties(estate["rooms"][0].id, (p.OWNER,))[0].created_at.date()
    p.RoomParty.update(created_at=dt.datetime(2024, 3, 5, 9, 0)).where(
        p.RoomParty.room == estate["rooms"][0].id).execute()
    card = owner_card_for(clerk, estate["rooms"][0].id)
    assert card.created_on == dt.date(2024, 3, 5) and recorded == dt.date.today()
    assert card.clerk == "李静"


def test_a_tenants_household_moves_out_with_the_tenant(estate, clerk):
    room = estate["rooms"][0]
    tenant = estate["tenant"]
    spouse = p.create_person(clerk, p.PersonInput("周杰"))
    nanny = p.create_person(clerk, p.PersonInput("吴妈"))
    p.add_resident(clerk, room.id, spouse.id, "配偶", "2025-01-01", tenant_id=tenant.id)
    p.add_resident(clerk, room.id, nanny.id, "保姆", "2025-02-01")        # the owner's household
    with pytest.raises(Conflict):
        p.add_resident(clerk, room.id, p.create_person(clerk, p.PersonInput("某人")).id, "子女", "2025-02-01",
                       tenant_id=estate["owner"].id)
    tenancy = p.current_parties(room.id, (p.TENANT,))[0]
    p.end_tie(clerk, tenancy.id, "2026-11-30")
    names = sorted(x.person.name for x in p.current_parties(room.id))
    assert names == ["吴妈", "张伟"]
    assert e.get_room(room.id).state == e.OCCUPIED
    ended = [x for x in p.party_history(room.id) if x.person_id == spouse.id][0]
    assert (str(ended.end_date), ended.end_reason) == ("2026-11-30", "move_out")
