"""The release part's verbs of the command line: ``release use``, ``release show``, ``release cancel``.

``release use`` is the gate PC without the window (a scanner types the slip's QR code into a
terminal): it needs a user who may let goods out (``--user`` the guard). ``release show`` says what
the gate's screen would show, read-only: whoever may see slips (the computer's account too) or work
the gate may run it. ``release cancel`` needs a user who may cancel slips, and the reason.
"""
from __future__ import annotations

from models.commands import group, verb
from models.errors import Conflict, NotFound
from models.i18n import _

group("release", "release slips: let goods out, show, cancel")


def _number_argument(parser) -> None:
    parser.add_argument("number", metavar=_("SLIP_NUMBER"),
                        help=_("the slip's number (FX2026-000123, 2026-123) or its scanned QR code"))


def _use_arguments(parser) -> None:
    _number_argument(parser)
    parser.add_argument("--desk", action="store_true",
                        help=_("marked at the desk from the gate part the guard sent back (default: at the gate)"))


@verb("release use", "let the goods out on a slip: the gate PC without the window; needs --user",
      arguments=_use_arguments)
def release_use(actor, args) -> None:
    from models.release.gate import use_slip
    from models.release.slips import AT_DESK, AT_GATE
    desk = bool(args.desk)
    slip = use_slip(actor, args.number, where=AT_DESK if desk else AT_GATE)
    line = (_("Marked used {number} at {time} from the gate part, by {who}") if desk else
            _("Let out {number} at {time}, gate: {who}"))
    print(line.format(number=slip.serial, time=f"{slip.used_at:%Y-%m-%d %H:%M}", who=slip.used_by))


@verb("release show", "show a slip as the gate would (read-only)", arguments=_number_argument)
def release_show(actor, args) -> None:
    from models.release.gate import answer
    if not actor.can("release.gate"):            # the guard at a gate PC without the window reads it too
        actor.require("release.view")
    shown = answer(args.number, number_alone=True)      # the desk reading a slip it has in hand
    if shown.slip is None or shown.state == "forged":
        raise NotFound(shown.reason)        # nothing of a real slip is told to a made-up code
    print("\n".join(gate_lines(shown)))


def gate_lines(shown) -> list[str]:
    """The gate's answer as lines of text: the number, may it go, why not, and the slip's facts."""
    from models.release.slips import PARTIES
    slip = shown.slip
    urgent = "  " + _("URGENT") if slip.urgent else ""
    verdict = _("OK to let out") if shown.ok else _("Do not let out") + " · " + shown.state_label
    lines = [_("Release slip {number}").format(number=slip.serial) + urgent,
             _("Gate: {verdict}").format(verdict=verdict)]
    if shown.reason:
        lines.append(_("Why: {reason}").format(reason=shown.reason))
    goods = "、".join(f"{i.name} ×{i.quantity}" + (f"（{i.note}）" if i.note else "") for i in shown.items)
    role = _(PARTIES.get(slip.person_role, slip.person_role))
    facts = ((_("Room"), slip.room.label), (_("Goods go out with"), f"{slip.person_name}（{role}）"),
             (_("Goods"), goods), (_("Vehicle plate"), slip.plate or _("none")),
             (_("Valid until"), f"{slip.valid_until:%Y-%m-%d}"), (_("Issued by clerk"), slip.clerk))
    lines += [_("{field}: {value}").format(field=field, value=value) for field, value in facts]
    if slip.used_at is not None:
        lines.append(_("{field}: {value}").format(field=_("Let out at"), value=f"{slip.used_at:%Y-%m-%d %H:%M} "
                                                                               f"{slip.used_by}"))
    return lines


def _cancel_arguments(parser) -> None:
    _number_argument(parser)
    parser.add_argument("--reason", required=True, metavar=_("REASON"), help=_("why the slip is cancelled"))


@verb("release cancel", "cancel an unused slip, with the reason; needs --user", arguments=_cancel_arguments)
def release_cancel(actor, args) -> None:
    from models.release.gate import find_slip
    from models.release.issuing import cancel_slip
    from models.release.slips import ISSUED, STATES
    actor.require("release.cancel")             # before the slip is looked up: nothing told to whoever may not
    slip = find_slip(args.number)
    if slip.state != ISSUED:
        raise Conflict(_("Slip {number} is already {state}: only an unused slip can be cancelled.").format(
            number=slip.serial, state=_(STATES[slip.state])))
    slip = cancel_slip(actor, slip.id, args.reason)
    print(_("Cancelled {number}: {reason}").format(number=slip.serial, reason=slip.cancel_reason))
