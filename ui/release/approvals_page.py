"""主任审批: the releases waiting for the office director, and those decided (seed 004 场景五).

An owner's release when the room owes more than three months waits here until the director, at
their own desk and signed in as themselves, approves it (批准) or declines it with a reason for the
clerk to tell the owner (不批准…). Nobody types the director's password at the clerk's desk. Others
see the page read-only: who asked, and what was decided. The page looks again every few seconds
while it is shown, so a request made at another desk appears without a click.
"""
from __future__ import annotations

import html

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHeaderView, QLabel

from models.amounts import yuan
from models.errors import InvalidInput
from models.i18n import _
from models.listing import get_list
from models.release import approvals
from models.release.slips import APPROVAL_STATES, WAITING, ReleaseApproval
from ui.bus import bus
from ui.widgets.list_page import ListPage
from ui.widgets.messages import ask_text, show_error

POLL_MS = 10_000      # a request from another desk shows within this


class ApprovalsPage(ListPage):
    def __init__(self, ctx):
        super().__init__(ctx, get_list("release_approvals"), kinds=("release",))
        self.search.setPlaceholderText(_("Room or person"))
        box = self.add_filter("state", _("State"), [(key, _(label)) for key, label in APPROVAL_STATES.items()])
        box.blockSignals(True)
        box.setCurrentIndex(box.findData(WAITING))        # what waits for the director comes first
        box.blockSignals(False)
        self.model.filters["state"] = WAITING
        self.director = ctx.actor.can("release.approve")
        self.approve_button = self.add_action(_("Approve"), self.approve)
        self.decline_button = self.add_action(_("Decline…"), self.decline)
        for button in (self.approve_button, self.decline_button):
            button.setVisible(self.director)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet("QLabel { padding: 8px; font-size: 14px; border: 1px solid #c8c8c8; "
                                  "background: #fffbe6; }")
        self.layout().insertWidget(1, self.detail)       # above the list: what the director decides on
        if not self.director:
            self.detail.setToolTip(_("Only the office director approves a release; this page shows what was asked."))
        self.chosen: int | None = None        # the request looked at, kept across reloads
        self.view.selectionModel().currentRowChanged.connect(self._moved)
        self.model.modelReset.connect(self._reloaded)
        self.activated.connect(lambda _rid: self.approve() if self.director else None)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(self.spec.columns.index(self.spec.column("goods")), QHeaderView.Stretch)
        self.seen: tuple | None = None
        self.poll = QTimer(self, interval=POLL_MS)
        self.poll.timeout.connect(self._poll)
        self.poll.start()

    # --- what is shown -------------------------------------------------------------------------
    def refresh(self) -> None:
        self.seen = self._fingerprint()
        super().refresh()

    def _moved(self, *_args) -> None:
        if self.current_id() is not None:
            self.chosen = self.current_id()
        self._show_detail()

    def _reloaded(self) -> None:
        """After any reload (a filter, the search, a decision, a poll): the same request, or the first."""
        rows = self.model.ids()
        if rows:
            self.view.selectRow(rows.index(self.chosen) if self.chosen in rows else 0)
        self._show_detail()

    def _poll(self) -> None:
        """Reload only when a request came or was decided elsewhere (the list keeps its place otherwise)."""
        if self.isVisible() and self._fingerprint() != self.seen:
            self.refresh()

    @staticmethod
    def _fingerprint() -> tuple:
        return approvals.last_change()

    def _approval(self) -> ReleaseApproval | None:
        approval_id = self.current_id()
        return ReleaseApproval.get_or_none(ReleaseApproval.id == approval_id) if approval_id is not None else None

    def _show_detail(self) -> None:
        approval = self._approval()
        waiting = approval is not None and approval.state == WAITING
        self.approve_button.setEnabled(waiting)
        self.decline_button.setEnabled(waiting)
        if approval is None:
            self.detail.setText(_("No release is waiting for the director.")
                                if self.model.filters.get("state") == WAITING else "")
            return
        lines = [_("{room}, {person}: {months} months of management fee owed, {amount}.").format(
            room=approval.room.label, person=approval.person.name, months=approval.arrears_months,
            amount=yuan(approval.arrears_fen)),
            _("Goods: {goods}").format(goods=approval.goods or "—"),
            _("Asked by {who} at {time}. {note}").format(who=approval.requested_by,
                                                         time=approval.requested_at.strftime("%Y-%m-%d %H:%M"),
                                                         note=approval.request_note).strip()]
        if not waiting:
            lines.append(_("{state} by {who} at {time}. {note}").format(
                state=_(APPROVAL_STATES[approval.state]), who=approval.decided_by,
                time=approval.decided_at.strftime("%Y-%m-%d %H:%M") if approval.decided_at else "",
                note=approval.decision_note).strip())
        elif not self.director:
            lines.append(_("Waiting for the office director, who approves from their own desk."))
        self.detail.setText("<br>".join(html.escape(line) for line in lines))

    # --- the director's word -------------------------------------------------------------------
    def _waiting(self) -> ReleaseApproval | None:
        approval = self._approval()
        if approval is None or approval.state != WAITING:
            show_error(self, InvalidInput(_("Choose a release waiting for the director first.")),
                       _("Director's approvals"))
            return None
        return approval

    def approve(self) -> None:
        self._decide(True)

    def decline(self) -> None:
        self._decide(False)

    def _decide(self, approve: bool) -> None:
        approval = self._waiting()
        if approval is None:
            return
        actor = self.ctx.actor
        what = _("{room}, {person}: {months} months owed, {amount}").format(
            room=approval.room.label, person=approval.person.name, months=approval.arrears_months,
            amount=yuan(approval.arrears_fen))
        if approve:
            title, ok = _("Approve the release"), _("Approve")
            question = _("Approve the release of {what}? A note for the clerk (optional):").format(what=what)
        else:
            title, ok = _("Decline the release"), _("Decline")
            question = _("Decline the release of {what}? Say why: the clerk tells the owner.").format(what=what)
        _note, done = ask_text(self, title, question, ok,
                               act=lambda note: approvals.decide_approval(actor, approval.id, approve, note))
        if done:
            bus.changed("release")
