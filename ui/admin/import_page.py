"""Import the room and people rosters the office already keeps in Excel, and the opening balances
(arrears owed and deposits held before the office started with the program).

Who sees the page decides what it offers: a button for each importer the parts register
(``reports.excel.importers``) whose permission the user has, in the manifest's order; so a supervisor
imports rosters, finance the opening balances, the director and the administrator both. Its title
and introduction speak only of what the user can do here.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QCheckBox, QInputDialog, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout,
                               QWidget)

from models import demo  # noqa: F401  (declares the demo.generate permission)
from models.i18n import _
from reports.excel.importers import all_importers, get_importer, importers_for
from ui.bus import bus
from ui.widgets.runner import run_in_background
from ui.widgets.files import open_file_name


class ImportPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        rosters, opening = ctx.actor.can("records.import"), ctx.actor.can("money.opening")
        intro = QLabel(self.introduction(rosters, opening))
        intro.setWordWrap(True)
        self.intro = intro
        self.skip_invalid = QCheckBox(_("Write the good rows even if some are refused"))
        self.dry_run = QCheckBox(_("Only check the file (write nothing)"))
        self.report = QPlainTextEdit(readOnly=True)
        row = QHBoxLayout()
        self.import_buttons: dict[str, QPushButton] = {}
        # The first part's importers at the left, the other parts' after a gap (the page as it always stood).
        first_part = next((imp.part for imp in all_importers()), "")
        offered = importers_for(ctx.actor)
        for importer in [imp for imp in offered if imp.part == first_part]:
            row.addWidget(self._import_button(importer))
        row.addStretch(1)
        for importer in [imp for imp in offered if imp.part != first_part]:
            row.addWidget(self._import_button(importer))
        self.demo_button = QPushButton(_("Generate a demo estate…"))
        self.demo_button.setToolTip(_("Only into an empty database: a realistic generated office to learn on."))
        self.demo_button.clicked.connect(self.ask_demo)
        # Only while the database could be a demo's: a real office (set up, or holding rooms) never sees it.
        self.demo_button.setVisible(ctx.actor.can("demo.generate") and demo.why_not_generate() is None)
        row.addWidget(self.demo_button)
        layout = QVBoxLayout(self)
        self.heading = QLabel(f"<h3>{_('Import rosters') if rosters else _('Import opening balances')}</h3>")
        layout.addWidget(self.heading)
        layout.addWidget(intro)
        layout.addWidget(self.skip_invalid)
        layout.addWidget(self.dry_run)
        layout.addLayout(row)
        layout.addWidget(self.report, 1)

    def _import_button(self, importer) -> QPushButton:
        button = QPushButton(_(importer.title))
        button.clicked.connect(lambda _c=False, k=importer.key: self.choose(k))
        self.import_buttons[importer.key] = button
        return button

    @staticmethod
    def introduction(rosters: bool, opening: bool) -> str:
        """What this user can import here, and how the file is read."""
        parts = []
        if rosters:
            parts.append(_("Import a roster from an .xlsx file. The first row holds the column names "
                           "(楼栋, 单元, 房号, 建筑面积, 用途, 业主姓名, 证件号码, 手机号码 …). "
                           "By default nothing is written if any row is refused."))
        if opening:
            text = _("Import what was owed and the deposits held before the office started with the program, each "
                     "from an .xlsx list whose first row holds the column names: opening arrears (房号, 收费项目, "
                     "所属月份, 欠费金额, 备注) and opening deposits (房号, 押金类型, 交款人, 数量, 金额, 收取日期).")
            parts.append(text if rosters else text + " " + _("By default nothing is written if any row is refused."))
        return "\n\n".join(parts)

    def choose(self, kind: str) -> None:
        path = open_file_name(self, _(get_importer(kind).choose_title), "import", _("Excel workbook (*.xlsx)"))
        if path:
            self.run(kind, Path(path))

    def run(self, kind: str, path: Path) -> None:
        """Import in the background with the importer called ``kind`` (rooms, people, opening-arrears…)."""
        importer = get_importer(kind)
        actor, skip, dry = self.ctx.actor, self.skip_invalid.isChecked(), self.dry_run.isChecked()
        self.report.setPlainText(_("Importing {file}…").format(file=path.name))

        def work(progress):
            return importer.run(actor, path, skip_invalid=skip, dry_run=dry, progress=progress)

        def done(report):
            self.report.setPlainText(report.summary())
            if not dry:
                bus.changed("*")

        run_in_background(self, _("Importing"), work, on_done=done,
                          on_error=lambda error: self.report.setPlainText(str(error)))

    def ask_demo(self) -> None:
        from ui.widgets.messages import confirm
        if not confirm(self, _("Generate a demo estate"),
                       _("A demo estate is made-up rooms, people and receipts (which can never be deleted), and six "
                         "accounts whose password is {password}. It is for learning the program, in a database "
                         "of its own, never in the office's real one. Make this database a demo?").format(
                           password=demo.DEMO_PASSWORD), _("Make it a demo")):
            return
        rooms, ok = QInputDialog.getInt(self, _("Generate a demo estate"), _("How many rooms?"), 600, 10, 50000, 100)
        if ok:
            self.generate_demo(rooms)

    def generate_demo(self, rooms: int):
        actor = self.ctx.actor
        self.report.setPlainText(_("Generating {rooms} rooms…").format(rooms=rooms))

        def done(summary):
            self.report.setPlainText("\n".join(summary.lines()))
            bus.changed("*")

        return run_in_background(self, _("Generating"), lambda progress: demo.generate(
            actor, rooms=rooms, progress=progress), on_done=done,
            on_error=lambda error: self.report.setPlainText(str(error)))
