"""The handover part's verbs of the command line: ``handover show`` and the key cabinet's ``keys lend``,
``keys return``, ``keys overdue`` and ``keys lost``.

``handover show`` prints a handover form as the desk reads it (read-only: whoever may see handovers, the
computer's account too); ``keys overdue`` lists the keys out past their time (read-only, phones masked
for whoever may not see them). Lending, taking back and recording a key lost write the cabinet's log, so
they need ``--user`` with the right to lend keys: the computer's own account only reads. A scanner at a
terminal types the tag's barcode (K000123) where TAG is asked; the hook number typed (A-012) does too.
"""
from __future__ import annotations

import datetime as dt

from models.commands import group, verb
from models.errors import InvalidInput
from models.i18n import _

group("handover", "handover forms: show one as the desk reads it")
group("keys", "the key cabinet: lend a key, take it back, list the overdue, record a key lost")


def _field(name: str, value) -> str:
    return _("{field}: {value}").format(field=name, value=value)


def _when(moment) -> str:
    return f"{moment:%Y-%m-%d %H:%M}" if moment else ""


# --- handover show ---------------------------------------------------------------------------------

def _form_argument(parser) -> None:
    parser.add_argument("what", metavar=_("ROOM_OR_NUMBER"),
                        help=_("the room (3-2-1301: its latest handover) or the form's number (JF2026-000012)"))


def find(text):
    """The handover a room code (3-2-1301, 3栋2单元1301) or a form's number (JF2026-000012) names."""
    from models import validation as v
    from models.handover.handing import find_handover
    from models.records.estate import find_room
    if not v.clean_text(text):
        raise InvalidInput(_("Give the room (3-2-1301) or the handover form's number (JF2026-000012)."), field="what")
    if v.compact(text).upper().startswith("JF"):
        return find_handover(text)
    room = find_room(text)
    return find_handover(room.code if room is not None else text)


def _defect_lines(handover, today: dt.date) -> list[str]:
    from models.handover.tables import DEFECT, DEPARTMENTS, OPEN, Defect
    defects = list(handover.defects.order_by(Defect.id))
    if not defects:
        return [_field(_("Defects found"), _("none"))]
    lines = [_("Defects found ({n}):").format(n=len(defects))]
    for d in defects:
        late = (" · " + _("{days} days late").format(days=(today - d.due_on).days)
                if d.state == OPEN and d.due_on < today else "")
        lines.append(f"  {d.location} {d.description} · {_(DEPARTMENTS.get(d.department, d.department))} · "
                     + _("repair by {date}").format(date=f"{d.due_on:%Y-%m-%d}") + f" · {DEFECT.label(d.state)}{late}")
    return lines


def show_lines(handover, today: dt.date | None = None) -> list[str]:
    """A handover form as text, as ``handover show`` prints it (no ID number, no phone)."""
    from models.handover.handing import checklist, shown_reading
    from models.handover.tables import METERS, HandoverKey, MeterReading
    h, today = handover, today or dt.date.today()
    checked = [d for d in h.documents.split("；") if d]
    lines = [_("Handover form {number}").format(number=h.serial), _field(_("Room"), h.room.label),
             _field(_("Owner"), h.owner.name), _field(_("Handed over on"), f"{h.handed_on:%Y-%m-%d}")]
    if h.appointment_id is not None:
        lines.append(_field(_("Appointment"), f"{_when(h.appointment.at)} {h.appointment.name}"))
    lines.append(_field(_("Documents checked"), "、".join(checked) or _("none")))
    missing = [d for d in checklist() if d not in checked]
    if missing:
        lines.append(_field(_("Documents not checked"), "、".join(missing)))
    readings = list(h.readings.order_by(MeterReading.id))
    lines.append(_("Meter readings:") if readings else _field(_("Meter readings"), _("none")))
    lines += [f"  {_(METERS.get(r.meter, r.meter))} {r.meter_no}：{shown_reading(r.reading)}" for r in readings]
    keys = "、".join(f"{k.kind}×{k.count}" for k in h.keys.order_by(HandoverKey.id))
    lines.append(_field(_("Keys handed over"), keys or _("none")))
    lines += _defect_lines(h, today)
    lines.append(_field(_("Handled by"), h.clerk))
    if h.note:
        lines.append(_field(_("Note"), h.note))
    return lines


@verb("handover show", "show a handover form: documents, meters, keys and defects (read-only)",
      arguments=_form_argument)
def handover_show(actor, args) -> None:
    actor.require("handover.view")
    print("\n".join(show_lines(find(args.what))))


# --- the key cabinet -------------------------------------------------------------------------------

def _tag_argument(parser) -> None:
    parser.add_argument("tag", metavar=_("TAG"), help=_("the key's tag as scanned (K000123) or its hook (A-012)"))


def _key_place(key) -> str:
    return f"{key.label} {key.room.code if key.room_id else key.area}".strip()


def _lend_arguments(parser) -> None:
    from models.handover.tables import BORROWERS
    _tag_argument(parser)
    parser.add_argument("--to", default="", metavar=_("NAME"), help=_("who borrows the key"))
    parser.add_argument("--purpose", default="", metavar=_("PURPOSE"), help=_("what the key is borrowed for"))
    parser.add_argument("--due", default="", metavar=_("TIME"),
                        help=_("when it is due back (2026-11-29 18:00, or 18:00 today); default: the setting's hours "
                               "from now"))
    parser.add_argument("--phone", default="", metavar=_("PHONE"), help=_("the borrower's phone (a contractor's is "
                                                                          "required)"))
    parser.add_argument("--unit", default="", metavar=_("UNIT"), help=_("the borrower's department or company"))
    parser.add_argument("--kind", default="staff", choices=tuple(BORROWERS),
                        help=_("the borrower is staff (default), a contractor or an owner"))


@verb("keys lend", "lend a key: who, what for, until when; needs --user", arguments=_lend_arguments)
def keys_lend(actor, args) -> None:
    from models.handover.keys import LoanInput, lend
    actor.require("keys.lend")             # before the key is looked up: nothing told to whoever may not lend
    loan = lend(actor, LoanInput(args.tag, args.to, args.purpose, due_at=args.due or None, borrower_kind=args.kind,
                                 unit=args.unit, phone=args.phone))
    key = loan.key
    print(_("Lent key {hook} ({what}) to {who}: loan {number}, due back {due}").format(
        hook=key.hook, what=_key_place(key), who=loan.borrower, number=loan.serial, due=_when(loan.due_at)))


def _return_arguments(parser) -> None:
    _tag_argument(parser)
    parser.add_argument("--by", default="", metavar=_("NAME"), help=_("who brought it back (default: the borrower)"))


def late_by(due: dt.datetime, at: dt.datetime) -> str:
    """How long past its time a key is (or was): 3 h late, 2 days late."""
    hours = int((at - due).total_seconds() // 3600)
    if hours >= 48:
        return _("{days} days late").format(days=hours // 24)
    return _("{hours} h late").format(hours=hours) if hours >= 1 else _("just due")


@verb("keys return", "take a key back on its hook; needs --user", arguments=_return_arguments)
def keys_return(actor, args) -> None:
    from models.handover.keys import find_key, take_back
    actor.require("keys.lend")
    loan = take_back(actor, args.tag, args.by)
    key = find_key(args.tag)
    if loan is None:
        print(_("Key {hook} is back on its hook.").format(hook=key.hook))
        return
    late = f" · {late_by(loan.due_at, loan.returned_at)}" if loan.returned_at > loan.due_at else ""
    print(_("Key {hook} back on its hook: loan {number}, brought back by {who}, taken by {clerk}").format(
        hook=key.hook, number=loan.serial, who=loan.returned_by, clerk=loan.received_by) + late)


@verb("keys overdue", "list the keys out past their due time, the longest overdue first (read-only)",
      arguments=lambda parser: None)
def keys_overdue(actor, args) -> None:
    from models import validation as v
    from models.db import now
    from models.handover.keys import overdue_loans
    from models.users import revealed
    actor.require("keys.view")
    loans = list(overdue_loans())
    if not loans:
        print(_("No key is overdue."))
        return
    at, full = now(), "phone" in revealed(actor)
    print(_("{n} keys overdue:").format(n=len(loans)))
    for loan in loans:
        phone = loan.phone if full else v.mask_phone(loan.phone)
        who = "，".join(x for x in (loan.unit, phone) if x)
        print(f"{loan.serial}  {loan.key.hook}  {_key_place(loan.key)}  {loan.borrower}"
              + (f"（{who}）" if who else "") + "  " + _("due {time}").format(time=_when(loan.due_at))
              + f"  {late_by(loan.due_at, at)}")


def _lost_arguments(parser) -> None:
    from models.handover.tables import LOST_ACTIONS
    _tag_argument(parser)
    parser.add_argument("--action", required=True, choices=tuple(LOST_ACTIONS),
                        help=_("what was done: lock_changed (lock changed), copy_made (copy made), none (nothing yet)"))
    parser.add_argument("--note", default="", metavar=_("NOTE"), help=_("anything more to say"))


@verb("keys lost", "record a key lost and what was done about it; needs --user", arguments=_lost_arguments)
def keys_lost(actor, args) -> None:
    from models.handover.keys import report_lost
    from models.handover.tables import LOST_ACTIONS
    actor.require("keys.lend")
    loss = report_lost(actor, args.tag, args.action, args.note)
    key = loss.key
    said = _("Key {hook} ({what}) recorded lost: {action}").format(
        hook=key.hook, what=_key_place(key), action=_(LOST_ACTIONS[loss.action]))
    if loss.loan_id is not None:
        said += " · " + _("loan {number} with {who} closed as lost").format(number=loss.loan.serial,
                                                                            who=loss.loan.borrower)
    print(said)
