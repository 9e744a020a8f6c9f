"""Records with states, written once: the states, the allowed moves as data, who may make each.

A room (空置 → 已交房 → 装修中 …), a release slip, a renovation, a key loan, a matter
or a letter each declares one ``StateMachine``. The window asks ``can(actor, record,
verb)`` to enable a button; the operation calls ``move(...)``, which checks again
(the record may have moved since the button was drawn, on another desk), writes
the new state and its audit record, and raises a clerk's sentence when it refuses.

    ROOM = StateMachine("room", STATES, [
        Move("hand_over", {VACANT}, HANDED_OVER, "records.edit", "Hand over"),
        ...])
    ROOM.move(actor, room, "hand_over", summary="交房")
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

import peewee as pw

from models.errors import Conflict, NotAllowed
from models.i18n import _


@dataclass(frozen=True)
class Move:
    """One allowed move: ``verb`` takes a record from any of ``sources`` to ``target``."""
    verb: str
    sources: frozenset[str]
    target: str
    permission: str
    label: str                       # English source: the button's words ("Hand over")
    guard: Callable[[pw.Model], str | None] | None = None   # a rule beyond the state: None, or why not

    def __init__(self, verb, sources: Iterable[str], target: str, permission: str, label: str, guard=None):
        object.__setattr__(self, "verb", verb)
        object.__setattr__(self, "sources", frozenset(sources))
        object.__setattr__(self, "target", target)
        object.__setattr__(self, "permission", permission)
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "guard", guard)


@dataclass
class StateMachine:
    """The states of one kind of record and the moves between them."""
    kind: str                                  # the record kind, as the audit log names it ("room")
    states: dict[str, str]                     # key → English label
    moves: list[Move]
    state_field: str = "state"
    # Who may put a record in any state by hand, to correct a mistake (None: nobody).
    correct_permission: str | None = None
    _by_verb: dict[str, Move] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_verb = {}
        for move in self.moves:
            unknown = (move.sources | {move.target}) - set(self.states)
            if unknown:
                raise ValueError(f"{self.kind}.{move.verb}: unknown states {sorted(unknown)}")
            if move.verb in self._by_verb:
                raise ValueError(f"{self.kind}: the move {move.verb} is declared twice")
            self._by_verb[move.verb] = move
        MACHINES[self.kind] = self

    # --- reading ---------------------------------------------------------------------------
    def label(self, state: str) -> str:
        return _(self.states.get(state, state))

    def move_of(self, verb: str) -> Move:
        try:
            return self._by_verb[verb]
        except KeyError:
            raise KeyError(f"{self.kind} has no move {verb!r}") from None

    def moves_from(self, state: str) -> list[Move]:
        return [m for m in self.moves if state in m.sources]

    def next_state(self, state: str, verb: str) -> str:
        """Where ``verb`` takes a record in ``state``; the state itself where the move does not apply
        (a bulk import asks this for each row, then writes with ``move_many``)."""
        move = self.move_of(verb)
        return move.target if state in move.sources else state

    def why_not(self, actor, record: pw.Model, verb: str, *, permission_checked: bool = False) -> str | None:
        """Why ``actor`` may not make this move now (the clerk's sentence), or None when they may.

        ``permission_checked``: the move follows from another part's operation that checked its own
        permission (a tenant's release slip used at the gate ends the tenancy: the guard moves the room)."""
        move = self.move_of(verb)
        state = getattr(record, self.state_field)
        if state not in move.sources:
            return _("{what} is {state}: it cannot be {done} now.").format(
                what=_(self.kind_label()), state=self.label(state), done=_(move.label))
        if not permission_checked and not actor.can(move.permission):
            return self.why_not_permission(actor, move)
        if move.guard is not None:
            return move.guard(record)
        return None

    def can(self, actor, record: pw.Model, verb: str) -> bool:
        """For the window: is the button for ``verb`` enabled on this record?"""
        return self.why_not(actor, record, verb) is None

    def kind_label(self) -> str:
        from models.audit import ENTITIES
        return ENTITIES.get(self.kind, self.kind)

    # --- writing ---------------------------------------------------------------------------
    def move(self, actor, record: pw.Model, verb: str, *, summary: str = "", permission_checked: bool = False,
             **changes) -> pw.Model:
        """Make the move inside the caller's transaction: check again, write, audit.

        ``changes`` are other fields the move sets with the state (who, when, why). The
        state is written only if it is still what was read (``WHERE state = old``), so two
        desks making moves on the same record at once cannot both succeed.
        """
        from models import audit
        move = self.move_of(verb)
        refusal = self.why_not(actor, record, verb, permission_checked=permission_checked)
        if refusal:
            raise (NotAllowed if not (permission_checked or actor.can(move.permission)) else Conflict)(refusal)
        model = type(record)
        old = getattr(record, self.state_field)
        state_column = getattr(model, self.state_field)
        updated = (model.update({state_column: move.target, **{getattr(model, k): v for k, v in changes.items()}})
                   .where((model._meta.primary_key == record.get_id()) & (state_column == old)).execute())
        if updated != 1:
            raise Conflict(_("{what} was changed at another desk meanwhile; look at it again.").format(
                what=_(self.kind_label())))
        setattr(record, self.state_field, move.target)
        for key, value in changes.items():
            setattr(record, key, value)
        audit.record(actor, f"{self.kind}.{verb}", record, summary=summary or _(move.label),
                     before={self.state_field: old}, after={self.state_field: move.target, **{
                         k: v for k, v in changes.items()}})
        return record


    def move_many(self, actor, model, by_target: dict[str, list[tuple[int, str]]], verb_of: dict[str, str]) -> int:
        """Bulk moves for an import: ``by_target`` maps a target state to (id, old state) pairs,
        each reached by the move ``verb_of[target]``. Checked as ``move`` checks, audited one
        entry per record."""
        from models import audit
        written = 0
        for target, rows in by_target.items():
            move = self.move_of(verb_of[target])
            if not actor.can(move.permission):
                raise NotAllowed(self.why_not_permission(actor, move))
            for record_id, old in rows:
                if old not in move.sources or move.target != target:
                    raise Conflict(_("{what} is {state}: it cannot be {done} now.").format(
                        what=_(self.kind_label()), state=self.label(old), done=_(move.label)))
            ids = [record_id for record_id, _old in rows]
            state_column = getattr(model, self.state_field)
            for start in range(0, len(ids), 500):
                model.update({state_column: target}).where(model._meta.primary_key.in_(ids[start:start + 500])).execute()
            audit.record_many(actor, f"{self.kind}.{move.verb}", self.kind, [
                (record_id, f"{_(move.label)}（{self.label(old)} → {self.label(target)}）", {self.state_field: target})
                for record_id, old in rows])
            written += len(ids)
        return written

    def why_not_permission(self, actor, move: Move) -> str:
        from models.users import PERMISSION_NAMES, role_label
        return _("{role} {name} may not {what}.").format(role=role_label(actor.role), name=actor.name,
                                                         what=_(PERMISSION_NAMES.get(move.permission, move.permission)))

    def correct(self, actor, record: pw.Model, target: str, reason: str) -> pw.Model:
        """Put a record in ``target`` by hand (a supervisor correcting a mistake), audited as such."""
        from models import audit
        if self.correct_permission is None:
            raise NotAllowed(_("{what} changes state only through its operations.").format(what=_(self.kind_label())))
        actor.require(self.correct_permission)
        if target not in self.states:
            raise Conflict(_("Unknown state: {state}").format(state=target))
        old = getattr(record, self.state_field)
        if old == target:
            return record
        model = type(record)
        model.update({getattr(model, self.state_field): target}).where(
            model._meta.primary_key == record.get_id()).execute()
        setattr(record, self.state_field, target)
        audit.record(actor, f"{self.kind}.correct", record, summary=reason,
                     before={self.state_field: old}, after={self.state_field: target})
        return record


MACHINES: dict[str, StateMachine] = {}
