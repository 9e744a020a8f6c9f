"""验房问题: the defects found at handover (or reported after it), followed until the owner confirms the repair.

Shown: those still to repair (a defect past its day in red), those past their day, those repaired and
waiting for the owner, or all. On the chosen defect: 登记维修 (what was done, photos), 业主确认 (the owner's
name), 重新整改 (what the owner is not satisfied with), 添加照片, 查看照片; 新增验房问题 records one found
after the handover. The room's timeline opens a defect here, chosen.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton

from models.errors import DomainError, InvalidInput
from models.handover import handing
from models.handover.tables import CONFIRMED, DEFECT, DEFECT_STATES, OPEN, REPAIRED
from models.i18n import _
from models.listing import get_list
from models.users import revealed
from ui.handover.defect_form import NewDefectDialog
from ui.handover.defect_photos import PhotosDialog
from ui.handover.defect_repair import add_photos, owner_confirms, record_repair, repair_again
from ui.widgets.chosen_row import ChosenRow
from ui.widgets.fitted_columns import FittedColumns
from ui.widgets.list_page import ListPage
from ui.widgets.messages import show_error
from ui.widgets.table_model import ListModel

RED = "#c9302c"
SHOWN = (("open", "To repair", {"state": OPEN}), ("late", "Late: past the day set", {"late": True}),
         ("repaired", "Repaired, owner to confirm", {"state": REPAIRED}),
         ("confirmed", "Confirmed by the owner", {"state": CONFIRMED}), ("all", "All defects", {}))


class DefectModel(ListModel):
    """The register's rows, a defect still to repair past its day in red (its days late in bold)."""

    def data(self, index, role=Qt.DisplayRole):
        if index.isValid() and role in (Qt.ForegroundRole, Qt.FontRole) and self.late(index.row()):
            if role == Qt.ForegroundRole:
                return QBrush(QColor(RED))
            if self.columns[index.column()].key in ("days_late", "due_on"):
                font = QFont()
                font.setBold(True)
                return font
        return super().data(index, role)

    def late(self, row: int) -> bool:
        values = self._row_values(row)
        keys = [c.key for c in self.columns]
        return values is not None and values[keys.index("state")] == OPEN and bool(values[keys.index("days_late")])


class DefectsPage(FittedColumns, ChosenRow, ListPage):
    WHOLE = {"room": "12-3-2801", "handover": "JF2026-000123", "due_on": "2026-11-29"}   # and the states, below
    # In the workbook, and in the line beneath the list for the chosen defect.
    HIDDEN = ("found_at", "found_by", "repaired_at", "repaired_by", "confirmed_at", "confirmed_by")
    GROW = "description"
    FIRST_WHEN_GONE = True          # the buttons ready for the first defect, the keys on the list

    def __init__(self, ctx):
        super().__init__(ctx, get_list("defects"), kinds=("handover", "attachments"))
        # The state read whole (已维修，待业主确认) in the language shown, the problem taking what is left.
        self.WHOLE = {**self.WHOLE, "state": max((_(label) for label in DEFECT_STATES.values()), key=len)}
        self.model = DefectModel(self.spec, reveal=revealed(ctx.actor), parent=self)
        self.view.setModel(self.model)
        self.keep_chosen()
        self.search.setPlaceholderText(_("Room, form no. JF2026-…, location or problem"))
        self.shown = QComboBox()
        for key, label, _filters in SHOWN:
            self.shown.addItem(_(label), key)
        self.shown.setAccessibleName(_("Which defects"))
        self.shown.currentIndexChanged.connect(lambda _i: self._show_filters())
        self.toolbar.addWidget(QLabel(_("Which defects")))
        self.toolbar.addWidget(self.shown)
        self.of_handover = QPushButton()
        self.of_handover.setToolTip(_("Show the defects of every handover again"))
        self.of_handover.clicked.connect(lambda: self.show_handover(None))
        self.of_handover.hide()
        self.toolbar.addWidget(self.of_handover)
        self._add_actions(ctx)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet("color: #444;")
        self.layout().addWidget(self.detail)
        self.activated.connect(lambda _rid: self.view_photos())
        self._show_filters()
        self.settle_columns()

    def _add_actions(self, ctx) -> None:
        self.repair_button = self.add_action(_("Record the repair…"), lambda: self._on_chosen(record_repair))
        self.confirm_button = self.add_action(_("Owner confirms…"), lambda: self._on_chosen(owner_confirms))
        self.reopen_button = self.add_action(_("Repair again…"), lambda: self._on_chosen(repair_again))
        self.add_photos_button = self.add_action(_("Add photos…"), self.add_photos)
        self.photos_button = self.add_action(_("View photos"), self.view_photos)
        self.new_button = self.add_action(_("New defect…"), lambda: self.new_defect())
        may = ctx.actor.can("handover.defects")
        for button in (self.repair_button, self.confirm_button, self.reopen_button, self.add_photos_button,
                       self.new_button):
            button.setVisible(may)

    # --- what is shown ------------------------------------------------------------------------------
    def _show_filters(self) -> None:
        for name in ("state", "late"):
            self.model.filters.pop(name, None)
        self.model.filters.update(SHOWN[self.shown.currentIndex()][2])
        self.model.reload()
        self._update_count()

    def show_handover(self, handover_id: int | None) -> None:
        """Only the defects of one handover (its form's 验房问题), or (None) every handover's again."""
        if handover_id is None:
            self.model.filters.pop("handover", None)
            self.of_handover.hide()
        else:
            self.model.filters["handover"] = handover_id
            self.of_handover.setText(_("Form {number} only ✕").format(number=handing.get_handover(handover_id).serial))
            self.of_handover.show()
            self.shown.setCurrentIndex(len(SHOWN) - 1)
        self._show_filters()

    def show_defect(self, defect_id: int) -> None:
        """The defect chosen: every defect shown, the search cleared, if they would leave it out."""
        self.refresh()
        if not self.show_id(defect_id):
            self.search.clear()
            self.model.text = ""
            self.model.filters.pop("handover", None)
            self.of_handover.hide()
            self.shown.setCurrentIndex(len(SHOWN) - 1)
            self._show_filters()
            self.show_id(defect_id)
        self.chosen = defect_id

    # --- the chosen defect -----------------------------------------------------------------------------
    def _defect(self, quiet: bool = False):
        defect_id = self.current_id()
        try:
            return handing.get_defect(defect_id) if defect_id is not None else self._none(quiet)
        except DomainError as error:
            if not quiet:
                show_error(self, error, _("Handover defects"))
            return None

    def _none(self, quiet: bool):
        if not quiet:
            show_error(self, InvalidInput(_("Choose a defect in the list first.")), _("Handover defects"))
        return None

    def _enable(self) -> None:
        defect, actor = self._defect(quiet=True), self.ctx.actor
        self.repair_button.setEnabled(defect is not None and DEFECT.can(actor, defect, "repair"))
        self.confirm_button.setEnabled(defect is not None and DEFECT.can(actor, defect, "confirm"))
        self.reopen_button.setEnabled(defect is not None and DEFECT.can(actor, defect, "reopen"))
        for button in (self.add_photos_button, self.photos_button):
            button.setEnabled(defect is not None)
        self.detail.setText(history(defect) if defect is not None else "")

    def _on_chosen(self, act) -> None:
        defect = self._defect()
        if defect is not None:
            act(self, self.ctx, defect)

    def add_photos(self) -> None:
        defect = self._defect()
        if defect is not None:
            add_photos(self, self.ctx, defect.id)

    def view_photos(self) -> PhotosDialog | None:
        defect = self._defect()
        if defect is None:
            return None
        dialog = PhotosDialog(self, self.ctx, defect.id, _("Photos: {room} {location}").format(
            room=defect.room.code, location=defect.location),
            f"{defect.room.code} {defect.location}：{defect.description}")
        dialog.open()
        return dialog

    def new_defect(self, room_id: int | None = None) -> NewDefectDialog:
        def saved(made) -> None:
            self.chosen = made.id
            self.show_defect(made.id)
        dialog = NewDefectDialog(self, self.ctx, room_id, on_saved=saved)
        dialog.open()
        (dialog.room_code if room_id is None else dialog.location).setFocus()
        return dialog


def history(defect) -> str:
    """The chosen defect's story in a line: found, repaired, confirmed or sent back, by whom and when."""
    parts = [_("Found {at} by {who}").format(at=f"{defect.found_at:%Y-%m-%d %H:%M}", who=defect.found_by)]
    if defect.repaired_at:
        parts.append(_("repaired {at} by {who}").format(at=f"{defect.repaired_at:%Y-%m-%d %H:%M}",
                                                         who=defect.repaired_by) +
                     (f"（{defect.repair_note}）" if defect.repair_note else ""))
    if defect.confirmed_at:
        parts.append(_("confirmed {at} by the owner {who}").format(at=f"{defect.confirmed_at:%Y-%m-%d %H:%M}",
                                                                    who=defect.confirmed_by))
    elif defect.state == OPEN and defect.confirm_note:
        parts.append(_("sent back by the owner: {why}").format(why=defect.confirm_note))
    return "；".join(parts)


def open_defect(ctx, defect_id: int) -> None:
    """A defect from the room's timeline or a search: the register with it chosen."""
    page = ctx.window.open_page("defects", come_back=True)
    if page is not None:
        page.show_defect(defect_id)
