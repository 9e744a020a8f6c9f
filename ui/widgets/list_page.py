"""A list page: filter-as-you-type, filter choices, sortable columns, export, count.

Every register of the program is one of these over its ``ListSpec``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QMessageBox, QPushButton, QTableView, QVBoxLayout, QWidget)

from models.i18n import _
from models.listing import ListSpec
from models.users import revealed
from ui.bus import bus
from ui.widgets.runner import run_in_background
from ui.widgets.files import save_file_name
from ui.widgets.table_model import ListModel


class ListPage(QWidget):
    activated = Signal(int)   # the id of the row double-clicked or opened with Enter

    def __init__(self, ctx, spec: ListSpec, kinds: tuple[str, ...] = ("*",), parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.spec = spec
        self.kinds = kinds
        self.model = ListModel(spec, reveal=revealed(ctx.actor), parent=self)
        self.filter_boxes: dict[str, QComboBox] = {}

        self.search = QLineEdit(placeholderText=_("Filter as you type…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(240)
        self.search.setMaximumWidth(360)
        self.count_label = QLabel()
        self.export_button = QPushButton(_("Export to Excel…"))
        self.export_button.clicked.connect(self.export)

        self.toolbar = QHBoxLayout()
        self.toolbar.addWidget(self.search)
        self.toolbar_end = QHBoxLayout()
        self.toolbar_end.addWidget(self.count_label)
        self.toolbar_end.addWidget(self.export_button)

        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setTextElideMode(Qt.ElideRight)     # a cut cell ends in "…"; its tooltip has it all
        self._fitting = False
        self._user_sized = False
        self.view.horizontalHeader().sectionResized.connect(self._section_resized)
        self.fit_columns()
        self.view.doubleClicked.connect(lambda index: self._activate(index.row()))

        # Coalesce fast typing into one query per event-loop turn: each keystroke
        # is answered, but a burst of them does not queue stale queries.
        self._typing = QTimer(self, singleShot=True, interval=0)
        self._typing.timeout.connect(lambda: self._apply_text())
        self.search.textChanged.connect(lambda _t: self._typing.start())
        self.search.returnPressed.connect(lambda: self._activate(self.view.currentIndex().row()
                                                                 if self.view.currentIndex().isValid() else 0))

        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addLayout(self.toolbar)
        bar.addStretch(1)
        bar.addLayout(self.toolbar_end)
        layout.addLayout(bar)
        # What the clerk does to the chosen rows, on a row of its own: filters and actions together were
        # wider than a 1280-pixel screen on the busier lists, and the window grew past the screen.
        self.actions_bar = QWidget()
        self.actions_row = QHBoxLayout(self.actions_bar)
        self.actions_row.setContentsMargins(0, 0, 0, 0)
        self.actions_row.addStretch(1)
        self.actions_bar.setVisible(False)
        layout.addWidget(self.actions_bar)
        layout.addWidget(self.view)
        bus.data_changed.connect(self._on_data_changed)
        self._stale = True

    # --- column widths -----------------------------------------------------------------
    def _wanted_widths(self) -> tuple[list[int], list[int]]:
        """Each column's comfortable width (from its declared characters) and the least it can take."""
        fm = self.view.fontMetrics()
        half = fm.horizontalAdvance("中") // 2
        wanted, least = [], []
        sample = {"datetime": "2026-11-29 13:44", "date": "2026-11-29"}
        for col in self.spec.columns:
            header = fm.horizontalAdvance(_(col.header)) + 24
            if col.kind in sample:          # a date is read whole or not at all
                width = max(header, fm.horizontalAdvance(sample[col.kind]) + 16)
                wanted.append(width)
                least.append(width)
                continue
            wanted.append(max(header, min(320, col.width * half + 16)))
            # A short column (a number, a code, a name, an amount) is read whole; long text gives way.
            short = col.numeric or col.width <= 14
            least.append(wanted[-1] if short else max(header, min(wanted[-1], 6 * half + 16)))
        return wanted, least

    def fit_columns(self) -> None:
        """Every column in view, the last one too: wide lists shrink their widest columns to fit.

        Only until the clerk drags a column edge; then the widths are theirs.
        """
        if self._user_sized:
            return
        wanted, least = self._wanted_widths()
        room = (self.view.viewport().width() or self.view.width()) - 2
        widths = list(wanted)
        if sum(widths) > room:
            # Trim the widest columns first, down to a common cap, so short columns (a time, a
            # number) stay whole and long text (a note, a before/after record) gives way.
            low, high = 0, max(wanted)
            while low < high:
                cap = (low + high + 1) // 2
                if sum(max(m, min(w, cap)) for w, m in zip(wanted, least)) <= room:
                    low = cap
                else:
                    high = cap - 1
            widths = [max(m, min(w, low)) for w, m in zip(wanted, least)]
        self._fitting = True
        try:
            for i, width in enumerate(widths):
                self.view.setColumnWidth(i, width)
        finally:
            self._fitting = False

    def _section_resized(self, index: int, _old: int, _new: int) -> None:
        last = len(self.spec.columns) - 1
        if not self._fitting and index != last and self.isVisible() and \
                self.view.horizontalHeader().underMouse():
            self._user_sized = True

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def add_filter(self, name: str, label: str, choices: list[tuple[str, str]]) -> QComboBox:
        """A drop-down filter; the first choice ("all") sets no filter."""
        box = QComboBox()
        box.addItem(_("All"), "")
        for value, text in choices:
            box.addItem(text, value)
        box.setAccessibleName(label)
        box.currentIndexChanged.connect(lambda _i: self._set_filter(name, box.currentData()))
        self.toolbar.addWidget(QLabel(label))
        self.toolbar.addWidget(box)
        self.filter_boxes[name] = box
        return box

    def add_action(self, text: str, handler: Callable[[], None]) -> QPushButton:
        """A button for the chosen rows, on the actions row beneath the filters."""
        button = QPushButton(text)
        button.clicked.connect(handler)
        self.actions_row.insertWidget(self.actions_row.count() - 1, button)
        self.actions_bar.setVisible(True)
        return button

    # --- loading -------------------------------------------------------------------
    def showEvent(self, event):
        super().showEvent(event)
        self.fit_columns()
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        self.model.reload()
        self._update_count()

    def _on_data_changed(self, kind: str) -> None:
        if kind == "*" or kind in self.kinds or "*" in self.kinds:
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def _apply_text(self) -> None:
        self.model.set_text(self.search.text())
        self._update_count()

    def _set_filter(self, name: str, value) -> None:
        self.model.set_filter(name, value)
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(_("{n} rows").format(n=f"{self.model.rowCount():,}"))

    def _activate(self, row: int) -> None:
        rid = self.model.id_at(row)
        if rid is not None:
            self.activated.emit(rid)

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.id_at(r) for r in rows]

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    # --- export --------------------------------------------------------------------
    def export(self) -> None:
        title = _(self.spec.title)
        path = save_file_name(self, _("Export to Excel"), "export", f"{title}.xlsx", _("Excel workbook (*.xlsx)"),
                              ".xlsx")
        if not path:
            return
        from reports.excel.writer import export_list
        spec, actor = self.spec, self.ctx.actor
        filters, text = dict(self.model.filters), self.model.text
        sort, desc = self.model.sort_key, self.model.descending

        def work(progress):
            return export_list(spec, Path(path), actor, filters=filters, text=text, sort=sort, descending=desc,
                               progress=progress)

        run_in_background(self, _("Exporting"), work, on_done=lambda rows: QMessageBox.information(
            self, _("Export to Excel"), _("{rows} rows written to {path}").format(rows=f"{rows:,}", path=path)))
