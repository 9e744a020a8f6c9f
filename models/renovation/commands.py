"""The renovation part's verbs of the command line, both read-only: ``renovation show`` and ``renovation pass``.

``renovation show`` prints an application as the desk reads it: its state, the room and owner, the
contractor, the works and dates, each step and who took it, the workers with their passes' states,
the rectification notices, and the money (the fees receipt, the deposits held, deductions and
refunds). Nothing personal beyond names: no ID number, no owner's phone. ``renovation pass`` says what
the gate would say of a worker's pass (its number and check code, as scanned). Whoever may see
renovations (the computer's account too) runs both; the gate guard reads passes only.
"""
from __future__ import annotations

import datetime as dt

from models.amounts import yuan
from models.commands import group, verb
from models.errors import InvalidInput, NotFound
from models.i18n import _, label_table

# What left a deposit, as ``renovation show`` says it (money's DepositMovement.kind).
MOVEMENTS = label_table("renovation.deposit_movements", {
    "refund": "Given back", "deduct": "Deducted", "forfeit": "Forfeited", "void": "Voided with its receipt"})

group("renovation", "renovation applications: show one, read a worker's pass, suspend overdue works")


def _pass_reader(actor) -> None:
    if not actor.can("release.gate"):            # the guard at a gate PC without the window reads passes too
        actor.require("renovation.view")


def _number_argument(parser) -> None:
    parser.add_argument("number", metavar=_("APPLICATION_NUMBER"),
                        help=_("the application's number (ZX2026-000012, 2026-12)"))


def _field(name: str, value) -> str:
    return _("{field}: {value}").format(field=name, value=value)


def _when(moment) -> str:
    return f"{moment:%Y-%m-%d %H:%M}" if moment else ""


def _steps(r) -> list[str]:
    """Who took each step, and when (the ones taken)."""
    lines = [_field(_("Papers taken by"), f"{r.received_by} {_when(r.submitted_at)}")]
    if r.decided_at:
        lines.append(_field(_("Decided by"), f"{r.decided_by} {_when(r.decided_at)} {r.decision_note}".rstrip()))
        told = (f"{r.owner_told_by} {_when(r.owner_told_at)} {r.owner_told_how}".rstrip() if r.owner_told_at
                else _("not yet: the clerk who took the papers tells the owner"))
        lines.append(_field(_("Owner told"), told))
    for label, moment, extra in ((_("Works started"), r.started_at, ""),
                                 (_("Completion requested"), r.completion_at, ""),
                                 (_("Accepted"), r.accepted_at, f"{r.accepted_by or ''} {r.acceptance_note}"),
                                 (_("Deposit settled"), r.settled_at, ""), (_("Closed"), r.closed_at, "")):
        if moment:
            lines.append(_field(label, f"{_when(moment)} {extra.strip()}".rstrip()))
    return lines


def _workers(r, today: dt.date) -> list[str]:
    from models.renovation.passes import _refusal, pass_state
    from models.renovation.works import Worker
    workers = list(r.workers.order_by(Worker.line))
    lines = [_("Workers ({n}):").format(n=len(workers))]
    for worker in workers:
        shown = _refusal(worker, pass_state(worker, today))[0]
        if worker.refunded_at:
            shown += " " + _("deposit refunded {time}").format(time=_when(worker.refunded_at))
        lines.append(f"  {worker.pass_number}  {worker.name}  {shown}")
    return lines


def _notices(r, today: dt.date) -> list[str]:
    from models.renovation.lists import NOTICE_SHOWN
    from models.renovation.works import RectificationNotice
    notices = list(r.notices.order_by(RectificationNotice.year, RectificationNotice.number))
    if not notices:
        return []
    lines = [_("Rectification notices ({n}):").format(n=len(notices))]
    for notice in notices:
        state = _(NOTICE_SHOWN[notice.shown_state(today)])
        lines.append(f"  {notice.serial}  {notice.finding}  " + _("rectify by {date}").format(
            date=f"{notice.deadline:%Y-%m-%d}") + f"  {state}")
    return lines


def _money(r) -> list[str]:
    from models.money.ledger import Deposit, DepositMovement
    from models.renovation.works import Deduction
    if r.receipt_id is None:
        return [_field(_("Fees"), _("not taken yet"))]
    receipt = r.receipt
    voided = " " + _("(voided)") if receipt.voided_at else ""
    lines = [_field(_("Fees receipt"), f"{receipt.serial} {yuan(receipt.total_fen)}{voided}")]
    for deposit_id in (r.deposit_id, r.pass_deposit_id):
        if deposit_id is None:
            continue
        deposit = Deposit.get_by_id(deposit_id)
        lines.append("  " + _("{item}: {taken} taken, {held} held").format(
            item=deposit.item.name, taken=yuan(deposit.amount_fen), held=yuan(deposit.held_fen)))
        for move in deposit.movements.order_by(DepositMovement.id):
            said = (_("refund {serial}").format(serial=move.refund.serial) if move.refund_id else move.reason)
            lines.append(f"    {move.on:%Y-%m-%d} {_(MOVEMENTS.get(move.kind, move.kind))} {yuan(move.amount_fen)} {said}".rstrip())
    for deduction in r.deductions.order_by(Deduction.id):
        lines.append("  " + _("Deducted at the acceptance: {amount} {reason}").format(
            amount=yuan(deduction.amount_fen), reason=deduction.reason))
    return lines


def show_lines(renovation, today: dt.date | None = None) -> list[str]:
    """An application as text, as ``renovation show`` prints it."""
    from models.renovation.lists import works_label
    from models.renovation.works import RENOVATION
    r, today = renovation, today or dt.date.today()
    owner = r.owner.name + (_(" (agent: {name})").format(name=r.agent_name) if r.agent_name else "")
    contractor = r.contractor
    works = "，".join(x for x in (works_label(r.works), r.works_note) if x)
    lines = [_("Renovation application {number}").format(number=r.serial) + "  " + RENOVATION.label(r.state),
             _field(_("Room"), r.room.label), _field(_("Owner"), owner),
             _field(_("Contractor"), f"{contractor.name}（{contractor.person_in_charge} {contractor.phone}）"),
             _field(_("Works"), works),
             _field(_("Works period"), _("{start} to {end}").format(start=f"{r.start_on:%Y-%m-%d}",
                                                                      end=f"{r.end_on:%Y-%m-%d}"))]
    return lines + _steps(r) + _workers(r, today) + _notices(r, today) + _money(r)


def find(text):
    """The application a number names: ZX2026-000012, 2026-12, or a worker's pass number (ZX2026-000012-03)."""
    from models.renovation.applying import find_renovation
    from models.renovation.search import typed_number
    if not str(text or "").strip():
        raise InvalidInput(_("Give the application's number, e.g. ZX2026-000012."), field="number")
    typed = typed_number(text)
    if typed is not None and typed[0] in ("", "ZX"):
        return find_renovation(f"ZX{typed[1]}-{typed[2]}")
    return find_renovation(text)             # its own sentence for what is not an application's number


@verb("renovation show", "show an application: its state, workers and passes, notices and money (read-only)",
      arguments=_number_argument)
def renovation_show(actor, args) -> None:
    actor.require("renovation.view")             # the money and the owner are the desk's, not the gate's
    print("\n".join(show_lines(find(args.number))))


def _pass_argument(parser) -> None:
    parser.add_argument("code", metavar=_("PASS_CODE"),
                        help=_("the pass's number and check code as scanned (ZX2026-000012-03/K7Q2MA)"))


@verb("renovation pass", "say what the gate would say of a worker's pass (read-only)", arguments=_pass_argument)
def renovation_pass(actor, args) -> None:
    from models.renovation.passes import answer_pass
    _pass_reader(actor)
    shown = answer_pass(args.code)
    if shown is None:
        raise InvalidInput(_("{code} is not a worker's pass: give its number and check code as printed under the "
                             "QR code (e.g. ZX2026-000012-03/K7Q2MA).").format(code=str(args.code)[:40]),
                           field="code")
    if shown.card is None:
        raise NotFound(shown.reason)        # unknown, forged or without its code: nothing of a real pass is told
    verdict = _("May go in") if shown.ok else _("Do not let in") + " · " + shown.state_label
    lines = [shown.card.title, _("Gate: {verdict}").format(verdict=verdict)]
    if shown.reason:
        lines.append(_("Why: {reason}").format(reason=shown.reason))
    lines += [_field(label, value) for label, value in shown.card.rows]
    print("\n".join(lines))


@verb("renovation suspend-overdue", "the morning job: suspend the works whose rectification notice is overdue; "
      "needs --user", arguments=lambda parser: None)
def renovation_suspend_overdue(actor, args) -> None:
    from models.renovation.deciding import suspend_overdue
    done = suspend_overdue(actor)
    if not done:
        print(_("No works to suspend: no rectification notice of works going on is overdue."))
    for renovation in done:
        print(_("Suspended {number} {room}: a rectification notice is overdue").format(
            number=renovation.serial, room=renovation.room.label))
