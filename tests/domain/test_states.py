"""The one state machine (issue 15): a room's state moves only by its moves, checked and audited."""
from __future__ import annotations

import pytest

from models.records import estate as e
from models.records import people as p
from models.audit import AuditLog
from models.errors import Conflict, NotAllowed
from models.states import Move, StateMachine
from models.users import UnknownPermission


def test_the_desk_s_operations_move_the_room_through_its_machine(estate, clerk):
    room = estate["rooms"][1]                                    # 3-2-1202: vacant, no owner
    assert room.state == e.VACANT
    owner = p.create_person(clerk, p.PersonInput("王强", id_number="11010519491231002X"))
    p.transfer_ownership(clerk, room.id, [owner.id], "2026-01-01", "粤房证2026-1")
    assert e.get_room(room.id).state == e.HANDED_OVER
    assert AuditLog.select().where(AuditLog.action == "room.hand_over", AuditLog.entity_id == room.id).exists()
    tenant = p.create_person(clerk, p.PersonInput("赵敏", id_number="440304198512120015"))
    p.move_in_tenant(clerk, room.id, tenant.id, "2026-02-01", "2026-12-31")
    assert e.get_room(room.id).state == e.LET
    tie = p.current_parties(room.id, (p.TENANT,))[0]
    p.end_tie(clerk, tie.id, "2026-06-30")
    assert e.get_room(room.id).state == e.HANDED_OVER
    assert [a.action for a in AuditLog.select().where(AuditLog.action.startswith("room."),
                                                     AuditLog.entity_id == room.id).order_by(AuditLog.id)] == \
        ["room.create", "room.hand_over", "room.let", "room.tenant_out"]


def test_a_move_that_does_not_apply_is_refused_in_the_clerk_s_words(estate, clerk, engineer):
    room = e.get_room(estate["rooms"][1].id)                     # vacant
    assert e.ROOM.can(clerk, room, "hand_over") and not e.ROOM.can(clerk, room, "finish_renovation")
    with pytest.raises(Conflict, match="空置.*不能完成装修"):
        e.ROOM.move(clerk, room, "finish_renovation")
    assert not e.ROOM.can(engineer, room, "hand_over")            # the engineer may not edit records
    with pytest.raises(NotAllowed):
        e.ROOM.move(engineer, room, "hand_over")


def test_a_move_made_meanwhile_at_another_desk_is_not_made_twice(estate, clerk):
    room = e.get_room(estate["rooms"][1].id)
    stale = e.get_room(room.id)
    e.ROOM.move(clerk, room, "hand_over")
    stale.state = e.VACANT                                       # what the other desk still shows
    with pytest.raises(Conflict, match="另一台电脑"):
        e.ROOM.move(clerk, stale, "hand_over")


def test_only_a_supervisor_corrects_a_state_by_hand(estate, clerk, supervisor):
    room = e.get_room(estate["rooms"][1].id)
    with pytest.raises(NotAllowed):
        e.ROOM.correct(clerk, room, e.OCCUPIED, "录错")
    e.ROOM.correct(supervisor, room, e.OCCUPIED, "录错")
    assert e.get_room(room.id).state == e.OCCUPIED
    assert AuditLog.get(AuditLog.action == "room.correct").summary == "录错"


def test_a_machine_refuses_moves_to_states_it_does_not_have():
    with pytest.raises(ValueError):
        StateMachine("toy", {"a": "A"}, [Move("go", {"a"}, "b", "records.view", "Go")])


def test_asking_for_a_permission_nobody_declared_is_an_error(clerk):
    assert clerk.can("records.view")
    with pytest.raises(UnknownPermission):
        clerk.can("records.veiw")


def test_a_requirement_names_the_act_in_chinese(estate, clerk):
    from models.errors import InvalidInput
    nobody = p.create_person(clerk, p.PersonInput("无证人"))
    with pytest.raises(InvalidInput, match="办理过户需要核验证件"):
        p.transfer_ownership(clerk, estate["rooms"][1].id, [nobody.id], "2026-01-01", "粤房证2026-2")
