"""放行条登记: every slip, the follow-up a clerk does on them (seed 004 场景五: the office sees which
slips were used and which never reached the gate).

Filters by state (未使用, 已使用, 已过期, 已作废), urgent, owner or tenant and the day of issue;
a double-click opens the slip's preview. 作废… cancels an unused slip with its reason (never
deleted); 补记放行 marks a slip used from the gate part the guard sent back to the desk.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QCheckBox, QComboBox

from models.errors import InvalidInput
from models.i18n import _
from models.listing import get_list
from models.release import gate, issuing
from models.release.lists import STATE_FILTERS
from models.release.slips import AT_DESK, BY_TENANT, PARTIES, SLIP, ReleaseSlip
from ui.bus import bus
from ui.modules import open_record
from ui.widgets.list_page import ListPage
from ui.widgets.messages import ask_text, confirm, show_error
from ui.widgets.operations import run_op

# Issued since: the day a clerk looks back to, worked out when chosen (a page left open keeps its days).
PERIODS = {"today": "Issued today", "week": "Issued in the last 7 days", "month": "Issued in the last 30 days",
           "year": "Issued this year"}


def since(period: str, today: dt.date | None = None) -> dt.date | None:
    today = today or dt.date.today()
    return {"today": today, "week": today - dt.timedelta(days=6), "month": today - dt.timedelta(days=29),
            "year": today.replace(month=1, day=1)}.get(period)


class ReleasesPage(ListPage):
    def __init__(self, ctx):
        super().__init__(ctx, get_list("releases"), kinds=("release", "people"))
        self.search.setPlaceholderText(_("Slip no. FX2026-…, room, person or plate"))
        self.add_filter("state", _("State"), [(key, _(label)) for key, label in STATE_FILTERS.items()])
        self.add_filter("role", _("Released as"), [(key, _(label)) for key, label in PARTIES.items()])
        self.period = QComboBox()
        self.period.addItem(_("Any day"), "")
        for key, label in PERIODS.items():
            self.period.addItem(_(label), key)
        self.period.setAccessibleName(_("Issued on"))
        self.period.currentIndexChanged.connect(lambda _i: self._set_filter("from", since(self.period.currentData())
                                                                            or ""))
        self.toolbar.addWidget(self.period)
        self.urgent = QCheckBox(_("Urgent only"))
        self.urgent.toggled.connect(lambda on: self._set_filter("urgent", True if on else ""))
        self.toolbar.addWidget(self.urgent)
        self.open_button = self.add_action(_("Print…"), self.open_slip)
        self.cancel_button = self.add_action(_("Cancel…"), self.cancel)
        self.use_button = self.add_action(_("Mark used"), self.mark_used)
        self.correct_button = self.add_action(_("Correct…"), self.correct)
        self.correct_button.setToolTip(_("A new slip for the same release, with what was wrong put right; the old one "
                                         "is cancelled with it"))
        self.correct_button.setVisible(ctx.actor.can("release.issue") and ctx.actor.can("release.cancel"))
        self.cancel_button.setToolTip(_("Cancel an unused slip, with the reason (it stays in the register)"))
        self.use_button.setToolTip(_("Mark the slip used from the gate part the guard sent back"))
        self.cancel_button.setVisible(ctx.actor.can("release.cancel"))
        self.use_button.setVisible(ctx.actor.can("release.use"))
        self.activated.connect(lambda rid: open_record(ctx, "release_slip", rid))
        self.view.horizontalHeader().setStretchLastSection(False)
        self.fit_columns()

    def fit_columns(self) -> None:
        """The list's own fitting, then the slip number read whole (FX2026-000123) and what is left of the
        window given to the goods, the longest text, rather than to the last column."""
        super().fit_columns()
        if self._user_sized or not hasattr(self, "urgent"):
            return
        keys = [c.key for c in self.spec.columns]
        serial, goods = keys.index("serial"), keys.index("goods")
        self._fitting = True
        try:
            deficit = self.view.fontMetrics().horizontalAdvance("FX2026-000123") + 16 - self.view.columnWidth(serial)
            if deficit > 0:      # taken from the long texts, the widest first, so the list still fits
                self.view.setColumnWidth(serial, self.view.columnWidth(serial) + deficit)
                for key in sorted(("goods", "cancel_reason", "plate"), key=lambda k: -self.view.columnWidth(keys.index(k))):
                    width = self.view.columnWidth(keys.index(key))
                    given = min(deficit, max(0, width - 50))
                    self.view.setColumnWidth(keys.index(key), width - given)
                    deficit -= given
            left = self.view.viewport().width() - 2 - sum(self.view.columnWidth(i) for i in range(len(keys)))
            if left > 0:
                self.view.setColumnWidth(goods, self.view.columnWidth(goods) + left)
        finally:
            self._fitting = False

    def _slip(self) -> ReleaseSlip | None:
        slip_id = self.current_id()
        slip = ReleaseSlip.get_or_none(ReleaseSlip.id == slip_id) if slip_id is not None else None
        if slip is None:
            show_error(self, InvalidInput(_("Choose a slip in the list first.")), _("Release slips"))
        return slip

    def open_slip(self) -> None:
        slip = self._slip()
        if slip is not None:
            open_record(self.ctx, "release_slip", slip.id)

    def _unused_slip(self) -> ReleaseSlip | None:
        """The chosen slip if it may still be cancelled (or corrected); else the reason why not, shown."""
        slip = self._slip()
        refusal = SLIP.why_not(self.ctx.actor, slip, "cancel") if slip is not None else None
        if refusal:
            show_error(self, InvalidInput(_("Slip {number}: {why}").format(number=slip.serial, why=refusal)))
            return None
        return slip

    def cancel(self) -> None:
        """作废: an unused slip, with the reason; the register keeps it, marked cancelled."""
        slip = self._unused_slip()
        if slip is None:
            return
        actor = self.ctx.actor
        _reason, ok = ask_text(self, _("Cancel slip {number}").format(number=slip.serial),
                               _("Why is slip {number} ({room}, {person}) cancelled? The gate will refuse it.").format(
                                   number=slip.serial, room=slip.room.label, person=slip.person_name),
                               _("Cancel the slip"), act=lambda text: issuing.cancel_slip(actor, slip.id, text))
        if ok:
            bus.changed("release")

    def correct(self) -> None:
        """更正: a printed slip is never edited; the release form opens on its room to write it again, and
        issuing the new slip cancels this one (DOMAIN.md: permanent records)."""
        slip = self._unused_slip()
        if slip is None:
            return
        page = self.ctx.window.open_page("release_issue", come_back=True)
        if page is not None:
            page.show_room(slip.room_id, replaces=slip.id, person_id=slip.person_id)

    def mark_used(self) -> None:
        """补记放行: the guard let the goods out and sent the gate part back to the desk."""
        slip = self._slip()
        if slip is None:
            return
        question = _("Mark slip {number} ({room}, {person}) used now, from the gate part the guard sent back?").format(
            number=slip.serial, room=slip.room.label, person=slip.person_name)
        if slip.whole_household and slip.person_role == BY_TENANT:
            question += "\n" + _("The tenant's whole household leaves: the tenancy ends today.")
        if not confirm(self, _("Mark used"), question, _("Mark used"), safe=True):
            return
        actor, serial = self.ctx.actor, slip.serial
        run_op(self, lambda: gate.use_slip(actor, serial, where=AT_DESK), changed=("release", "people"))
