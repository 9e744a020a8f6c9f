"""A renovation's own page (装修档案): what was applied for, where it stands, and what can be done next.

The header says the number, the room, the owner (or agent), the contractor and the state in its
colour; the buttons beneath are the state machine's moves from this state (``RENOVATION``), each
disabled with the machine's own sentence as its tooltip when this user may not make it (a clerk sees
批准 greyed, saying only the engineering supervisor approves). The tabs hold the workers and their
passes, the papers, the inspections and rectification notices, and the money: the receipt, the
deposits held, the deductions and the refunds.
"""
from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget)

from models import validation as v
from models.errors import DomainError
from models.i18n import _
from models.renovation.applying import get_renovation
from models.renovation.works import RENOVATION, WORKS
from models.users import revealed
from ui.bus import bus
from ui.renovation import record_actions as acts
from ui.renovation.record_tabs import InspectionsTab, MoneyTab, PassesTab
from ui.widgets.attachments import AttachmentStrip
from ui.widgets.messages import show_error

STATE_COLOURS = {"submitted": "#b26a00", "more_papers": "#b26a00", "approved": "#00796b", "rejected": "#c9302c",
                 "in_works": "#1f4e79", "suspended": "#c9302c", "completion": "#6a1b9a", "accepted": "#2e7d32",
                 "settled": "#555555", "closed": "#555555"}
# The moves' buttons, in the order a renovation meets them.
VERBS = ("approve", "ask_papers", "reject", "resubmit", "start", "suspend", "resume", "request_completion",
         "accept", "fail_acceptance", "settle", "close")
# Where a move's own label reads as a state rather than a button (已申请验收), the button says the deed.
BUTTONS = {"request_completion": "Request the acceptance", "close": "Close the renovation"}


class RenovationPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.renovation = None
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.title.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.state = QLabel()
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.RichText)
        self.facts.setStyleSheet("font-size: 13px;")
        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.state)
        heading.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 10, 18, 10)
        layout.addLayout(heading)
        layout.addWidget(self.facts)
        layout.addWidget(self._banner())
        layout.addLayout(self._move_buttons())
        layout.addWidget(self._tabs(), 1)
        bus.data_changed.connect(self._data_changed)
        self._stale = False

    def _banner(self) -> QFrame:
        """Just taken at the desk: the application form offered for printing, for the owner to sign."""
        self.banner = QFrame()
        self.banner.setStyleSheet("QFrame { background: #e8f5e9; border: 1px solid #a5d6a7; border-radius: 4px; }")
        self.banner_text = QLabel()
        self.banner_text.setStyleSheet("border: none; color: #2e7d32; font-weight: bold;")
        self.banner_text.setWordWrap(True)
        self.banner_print = QPushButton(_("Print the application form"))
        self.banner_print.clicked.connect(lambda: acts.print_paper(self, "renovation_application"))
        row = QHBoxLayout(self.banner)
        row.addWidget(self.banner_text, 1)
        row.addWidget(self.banner_print)
        self.banner.setVisible(False)
        return self.banner

    def _move_buttons(self) -> QVBoxLayout:
        self.buttons: dict[str, QPushButton] = {}
        moves = QHBoxLayout()
        for verb in VERBS:
            button = QPushButton(_(BUTTONS.get(verb, RENOVATION.move_of(verb).label)) + "…")
            button.clicked.connect(lambda _c=False, verb=verb: acts.make_move(self, verb))
            button.setVisible(False)            # shown for the moves from the state shown
            moves.addWidget(button)
            self.buttons[verb] = button
        for key, text, handler in (("told", _("Owner told…"), acts.owner_told),
                                   ("fees", _("Take the fees…"), acts.take_fees)):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, h=handler: h(self))
            moves.addWidget(button)
            self.buttons[key] = button
        moves.addStretch(1)
        prints = QHBoxLayout()
        prints.addWidget(QLabel(_("Print:")))
        for key, text in (("renovation_application", _("Application form")), ("permit", _("Permit")),
                          ("passes", _("Passes"))):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, k=key: acts.print_paper(self, k))
            prints.addWidget(button)
            self.buttons["print_" + key] = button
        self.buttons["print_passes"].setToolTip(_("The passes of the workers chosen in the list, or every pass still "
                                                  "out"))
        receipt = QPushButton(_("Receipt"))
        receipt.clicked.connect(lambda: acts.print_receipt(self))
        prints.addWidget(receipt)
        self.buttons["print_receipt"] = receipt
        prints.addStretch(1)
        column = QVBoxLayout()
        column.addLayout(moves)
        column.addLayout(prints)
        return column

    def _tabs(self) -> QTabWidget:
        self.tabs = QTabWidget()
        self.passes = PassesTab(self)
        self.papers = AttachmentStrip(self.ctx, "renovation")
        self.inspections = InspectionsTab(self)
        self.money = MoneyTab(self)
        self.tabs.addTab(self.passes, _("Workers and passes"))
        self.tabs.addTab(self.papers, _("Papers"))
        self.tabs.addTab(self.inspections, _("Inspections and notices"))
        self.tabs.addTab(self.money, _("Fees and deposits"))
        return self.tabs

    # --- showing ---------------------------------------------------------------------------------
    def show_renovation(self, renovation_id: int, *, just_taken: bool = False) -> None:
        try:
            self.renovation = get_renovation(renovation_id)
        except DomainError as error:
            show_error(self, error)
            return
        self.banner.setVisible(just_taken)
        if just_taken:
            receipt = self.renovation.receipt
            self.banner_text.setText(
                _("Application {number} taken; receipt {receipt} issued. Print the application form for the owner to "
                  "sign.").format(number=self.renovation.serial, receipt=receipt.serial) if receipt is not None else
                _("Application {number} taken; the fees are still to be taken. Print the application form for the "
                  "owner to sign.").format(number=self.renovation.serial))
        self.papers.show_owner(renovation_id)
        self.tabs.setCurrentIndex(0)
        self.refresh()

    def refresh(self) -> None:
        self._stale = False
        if self.renovation is None:
            return
        self.renovation = get_renovation(self.renovation.id)
        r = self.renovation
        self.title.setText(f"{r.serial}  {r.room.label}")
        colour = STATE_COLOURS.get(r.state, "#333")
        self.state.setText(RENOVATION.label(r.state))
        self.state.setStyleSheet(f"color: white; background: {colour}; padding: 3px 10px; border-radius: 4px; "
                                 "font-weight: bold; font-size: 14px;")
        self.facts.setText(self._facts())
        self._enable_buttons()
        self.passes.load(r)
        self.inspections.load(r)
        self.money.load(r)
        self.tabs.setTabText(0, _("Workers and passes ({n})").format(n=len(self.passes.model.workers)))

    def _facts(self) -> str:
        r, reveal = self.renovation, revealed(self.ctx.actor)
        esc = html.escape
        applicant = esc(r.owner.name)
        if r.agent_name:
            agent_id = r.agent_id_number if "id" in reveal else v.mask_id(r.agent_id_number)
            applicant += esc(_(" (agent {name}, ID {id}, authorisation kept)").format(name=r.agent_name, id=agent_id))
        c = r.contractor
        works = "、".join(_(WORKS[k]) for k in r.work_keys if k in WORKS)
        if r.works_note:
            works = f"{works}；{r.works_note}" if works else r.works_note
        days = (r.end_on - r.start_on).days + 1
        lines = [
            f"<b>{esc(_('Owner'))}</b> {applicant} &nbsp;·&nbsp; <b>{esc(_('Contractor'))}</b> {esc(c.name)}"
            f"（{esc(_('person in charge'))} {esc(c.person_in_charge)} {esc(c.phone)}）",
            f"<b>{esc(_('Works'))}</b> {esc(works)}",
            f"<b>{esc(_('Dates'))}</b> {r.start_on} — {r.end_on}（{esc(_('{n} days').format(n=days))}） &nbsp;·&nbsp; "
            f"<b>{esc(_('Papers taken by'))}</b> {esc(r.received_by)} {r.submitted_at:%Y-%m-%d %H:%M}",
        ]
        if r.decided_at:
            told = (_("owner told by {who} on {time} ({how})").format(
                who=r.owner_told_by, time=f"{r.owner_told_at:%Y-%m-%d %H:%M}", how=r.owner_told_how)
                if r.owner_told_at else _("the owner is not told yet"))
            lines.append(f"<b>{esc(_('Decided'))}</b> {esc(r.decided_by or '')} {r.decided_at:%Y-%m-%d %H:%M}"
                         f"{esc('：' + r.decision_note if r.decision_note else '')} &nbsp;·&nbsp; "
                         f"<span style='color: {'#2e7d32' if r.owner_told_at else '#c9302c'}'>{esc(told)}</span>")
        if r.acceptance_note or r.accepted_at:
            lines.append(f"<b>{esc(_('Acceptance'))}</b> {esc(r.accepted_by or '')} {esc(r.acceptance_note)}")
        return "<br>".join(lines)

    def _enable_buttons(self) -> None:
        r, actor = self.renovation, self.ctx.actor
        for verb in VERBS:
            button, move = self.buttons[verb], RENOVATION.move_of(verb)
            button.setVisible(r.state in move.sources)
            why = RENOVATION.why_not(actor, r, verb)
            button.setEnabled(why is None)
            button.setToolTip(why or "")
        told = self.buttons["told"]
        told.setVisible(r.decided_at is not None and r.owner_told_at is None)
        told.setEnabled(actor.can("renovation.apply"))
        fees = self.buttons["fees"]
        fees.setVisible(r.receipt_id is None and r.state in acts.FEES_STATES)
        fees.setEnabled(actor.can("money.take"))
        fees.setToolTip("" if actor.can("money.take") else _("Only who may take payments takes the fees."))
        self.buttons["print_receipt"].setEnabled(r.receipt_id is not None)
        self.buttons["print_permit"].setEnabled(r.state in acts.PERMIT_STATES)
        self.buttons["print_passes"].setEnabled(r.state in acts.PERMIT_STATES)

    def _data_changed(self, kind: str) -> None:
        if kind in ("*", "renovation", "money", "attachments") and self.renovation is not None:
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def showEvent(self, event):
        super().showEvent(event)
        if self._stale:
            self.refresh()
