"""What the buttons of a renovation's page do: each asks what the move needs (the reasons, the papers
wanted, how the owner was told, the deductions, how the money goes back), runs the one domain
operation, and tells every page through the bus. A refusal is the operation's own sentence, said in
the question (which stays open with what was typed) or in a message box.
"""
from __future__ import annotations

import importlib

from models.errors import DomainError, InvalidInput
from models.i18n import _
from models.renovation import deciding, settling
from models.renovation.works import APPROVED, COMPLETION, IN_WORKS, LIVE, MORE_PAPERS, SUBMITTED, SUSPENDED
from ui.bus import bus
from ui.renovation.printing import preview_paper, preview_receipt
from ui.widgets.messages import ask_text, confirm, show_error

FEES_STATES = (SUBMITTED, MORE_PAPERS, APPROVED, IN_WORKS, SUSPENDED, COMPLETION)
PERMIT_STATES = LIVE
WORKERS_STATES = LIVE + (SUBMITTED, MORE_PAPERS)

# verb → (the question, what it asks, its button, the operation on (actor, id, text))
QUESTIONS = {
    "approve": ("Approve renovation {number}", "Approve the renovation of {room}? Conditions for the owner, if any:",
                "Approve", deciding.approve),
    "reject": ("Reject renovation {number}", "Why is the renovation of {room} rejected? The owner is told the reasons.",
               "Reject", deciding.reject),
    "ask_papers": ("More papers for {number}", "Which papers must the owner of {room} still bring?",
                   "Ask for the papers", deciding.ask_papers),
    "resubmit": ("Papers brought for {number}", "The owner of {room} brought the papers asked for. What was brought?",
                 "Papers brought", deciding.papers_brought),
    "suspend": ("Suspend the works of {number}", "Why are the works in {room} suspended?", "Suspend the works",
                deciding.suspend),
    "fail_acceptance": ("Not accepted: {number}", "What must still be done in {room} before the works are accepted?",
                        "Not accepted", deciding.fail_acceptance),
}
# verb → (the question, its button, the operation on (actor, id))
CONFIRMS = {
    "start": ("The works in {room} start today: the room is 装修中 until they are accepted.", "Start the works",
              deciding.start_works),
    "resume": ("Resume the works in {room}?", "Resume the works", deciding.resume),
    "request_completion": ("The owner of {room} says the works are done and asks for the acceptance inspection.",
                           "Request the acceptance", deciding.request_completion),
    "close": ("Close renovation {number}: the deposit settled and every pass settled.", "Close the renovation",
              settling.close),
}


def _changed(*kinds: str) -> None:
    for kind in ("renovation",) + kinds:
        bus.changed(kind)


def make_move(page, verb: str) -> None:
    r, actor = page.renovation, page.ctx.actor
    words = dict(number=r.serial, room=r.room.label)
    if verb in QUESTIONS:
        title, question, ok, operation = QUESTIONS[verb]
        _text, done = ask_text(page, _(title).format(**words), _(question).format(**words), _(ok),
                               act=lambda text: operation(actor, r.id, text))
        if done:
            _changed()
    elif verb in CONFIRMS:
        question, ok, operation = CONFIRMS[verb]
        if confirm(page, _(ok), _(question).format(**words), _(ok), safe=True):
            _run(page, lambda: operation(actor, r.id), "rooms")
    elif verb == "accept":
        accept(page)
    elif verb == "settle":
        settle(page)


def _run(page, op, *kinds: str):
    try:
        result = op()
    except DomainError as refusal:
        show_error(page, refusal)
        return None
    _changed(*kinds)
    return result


def owner_told(page) -> None:
    """首接责任制: the clerk who took the papers tells the owner the decision, and says how."""
    r, actor = page.renovation, page.ctx.actor
    _text, done = ask_text(page, _("Owner told: {number}").format(number=r.serial),
                           _("How was the owner of {room} told the decision ({decision})?").format(
                               room=r.room.label, decision=r.decision_note or _("no conditions")),
                           _("Owner told"), text=_("by phone"), act=lambda how: deciding.owner_told(actor, r.id, how))
    if done:
        _changed()


def take_fees(page) -> None:
    from ui.renovation.workers_dialog import TakeFeesDialog
    dialog = TakeFeesDialog(page.ctx, page.renovation, len(page.passes.model.workers), page)
    if dialog.exec() and dialog.receipt is not None:
        _changed("money")
        preview_receipt(page, dialog.receipt.id)


def add_workers(page) -> None:
    from ui.renovation.workers_dialog import AddWorkersDialog
    dialog = AddWorkersDialog(page.ctx, page.renovation, page)
    if dialog.exec():
        _changed("money")
        receipt_id = dialog.receipt_id()
        if receipt_id is not None:
            preview_receipt(page, receipt_id)


def accept(page) -> None:
    from ui.renovation.accept_dialog import AcceptDialog
    r = page.renovation
    dialog = AcceptDialog(page.ctx, r, r.deposit.held_fen if r.deposit is not None else 0, page)
    if dialog.exec():
        _changed("rooms")


def settle(page) -> None:
    from ui.renovation.settle_dialog import PayoutDialog, settle_intro
    r, actor = page.renovation, page.ctx.actor
    held = r.deposit.held_fen if r.deposit is not None else 0
    kept = [(d.amount_fen, d.reason) for d in r.deductions]
    dialog = PayoutDialog(_("Settle the deposit of {number}").format(number=r.serial), settle_intro(r, held, kept),
                          r.deposit.payer if r.deposit is not None else r.owner.name, _("Settle the deposit"),
                          lambda method, payee: settling.settle(actor, r.id, method=method, payee=payee), page)
    if dialog.exec():
        _changed("money")
        if dialog.result_ is not None:
            _refund_slip(page, dialog.result_.id)


def _refund_slip(page, refund_id: int) -> None:
    from ui.money.printing import preview_refund
    try:
        preview_refund(page, refund_id)
    except DomainError as error:
        show_error(page, error)


# --- the passes -------------------------------------------------------------------------------------

def return_passes(page) -> None:
    """出入证交回: each chosen pass still out is marked returned."""
    out = [w for w in page.passes.chosen() if w.returned_at is None and not w.lost]
    if not out:
        show_error(page, InvalidInput(_("Choose the passes handed back in the list first.")))
        return
    actor, r = page.ctx.actor, page.renovation
    _run(page, lambda: [settling.return_pass(actor, r.id, w.id) for w in out])


def refund_passes(page) -> None:
    """退还出入证押金: the chosen returned passes, the amount, and the chosen passes left out said with why."""
    from ui.renovation.settle_dialog import PayoutDialog, refund_passes_intro
    chosen, r, actor = page.passes.chosen(), page.renovation, page.ctx.actor
    back, intro = refund_passes_intro(chosen)
    if not back:
        show_error(page, InvalidInput("\n".join(filter(None, (
            _("Choose returned passes whose deposit is not refunded yet."), intro)))))
        return
    payee = back[0].deposit.payer if back[0].deposit_id is not None else r.owner.name
    dialog = PayoutDialog(_("Refund pass deposits of {number}").format(number=r.serial), intro, payee,
                          _("Refund the deposits"), lambda method, who: settling.refund_passes(
                              actor, r.id, [w.id for w in back], method=method, payee=who), page)
    if dialog.exec():
        _changed("money")
        for refund in dialog.result_ or []:
            _refund_slip(page, refund.id)


def write_off(page) -> None:
    chosen = [w for w in page.passes.chosen() if w.returned_at is None and not w.lost]
    if len(chosen) != 1:
        show_error(page, InvalidInput(_("Choose the one pass that was lost.")))
        return
    worker, r, actor = chosen[0], page.renovation, page.ctx.actor
    _text, done = ask_text(page, _("Write off pass {number}").format(number=worker.pass_number),
                           _("Pass {number} ({name}) was not handed back: its deposit is kept. Why?").format(
                               number=worker.pass_number, name=worker.name),
                           _("Write off as lost"), text="出入证遗失，押金不退",
                           act=lambda reason: settling.write_off_pass(actor, r.id, worker.id, reason))
    if done:
        _changed("money")


# --- papers and the inspection dialog ---------------------------------------------------------------

def print_paper(page, key: str) -> None:
    """A paper of the renovation shown; the passes only of the workers chosen in the list, if any are."""
    if page.renovation is None:
        return
    chosen = page.passes.chosen() if key == "passes" else []
    preview_paper(page, key, page.renovation.serial, ",".join(str(w.line) for w in chosen))


def print_receipt(page) -> None:
    if page.renovation is not None and page.renovation.receipt_id is not None:
        preview_receipt(page, page.renovation.receipt_id)


def print_notice(page, notice_serial: str) -> None:
    preview_paper(page, "notice", notice_serial)


def record_inspection(page) -> None:
    """巡查记录: the inspection dialog of the inspections' own module (window-modal; what it records reaches
    this page through the bus)."""
    module = importlib.import_module("ui.renovation.inspect_dialog")
    module.record_inspection(page.ctx, page.renovation.id, page)
