"""Long work runs off the GUI thread, reports progress, and can be cancelled with nothing kept."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from models.records import estate as e
from models.audit import AuditLog
from models.errors import Cancelled
from ui.context import AppContext
from ui.widgets import runner


def test_demo_from_the_window_in_the_background(qtbot, db, admin):
    from ui.admin.import_page import ImportPage
    page = ImportPage(AppContext(admin, "test"))
    qtbot.addWidget(page)
    assert page.demo_button.isVisibleTo(page)
    thread, worker, dialog = page.generate_demo(60)
    qtbot.waitUntil(lambda: "演示小区已生成" in page.report.toPlainText(), timeout=30000)
    assert e.Room.select().count() == 60


def test_cancelling_rolls_back_everything(qtbot, db, admin):
    from models import demo
    results = {}

    def work(progress):
        def cancel_at_half(done, total):
            progress(done, total)
            if done >= total // 2:
                worker.cancel_requested.set()
        return demo.generate(admin, rooms=200, progress=cancel_at_half)

    thread, worker, dialog = runner.run_in_background(None, "生成", work, on_done=lambda r: results.update(done=r),
                                                      on_error=lambda err: results.update(error=err))
    qtbot.waitUntil(lambda: bool(results), timeout=30000)
    assert isinstance(results.get("error"), Cancelled)
    assert e.Room.select().count() == 0 and AuditLog.select().count() == 0


def test_export_from_a_list_page(qtbot, monkeypatch, tmp_path, estate, clerk):
    from openpyxl import load_workbook
    from ui.records.rooms_page import RoomsPage
    from ui.main_window import MainWindow
    window = MainWindow(AppContext(clerk, "test"))
    qtbot.addWidget(window)
    page = window.open_page("rooms")
    out = tmp_path / "房屋.xlsx"
    monkeypatch.setattr("ui.widgets.list_page.save_file_name", lambda *a, **k: str(out))
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    page.filter_boxes["state"].setCurrentIndex(page.filter_boxes["state"].findData("let"))
    qtbot.mouseClick(page.export_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    sheet = load_workbook(out).active
    assert sheet.max_row == 2 and sheet["A2"].value == "3-2-1201"       # the filter on screen is the export's
    assert "138****5678" in [c.value for c in sheet[2]]                  # masked in exports by default
    assert isinstance(page, RoomsPage)


def test_print_preview_renders_the_card_and_saves_it(qtbot, tmp_path, estate, clerk):
    from pypdf import PdfReader
    from ui.main_window import MainWindow
    window = MainWindow(AppContext(clerk, "test"))
    qtbot.addWidget(window)
    window.open_room(estate["rooms"][0].id)
    page = window.pages["room"]
    qtbot.mouseClick(page.actions["card"], Qt.LeftButton)
    preview = page.preview
    assert len(preview.page_labels) == 1
    pixmap = preview.page_labels[0].pixmap()
    assert 1.35 < pixmap.height() / pixmap.width() < 1.47                # an A4 page
    saved = preview.save(str(tmp_path / "card.pdf"))
    assert "张伟" in PdfReader(saved).pages[0].extract_text()
    preview.reject()


def test_printing_draws_the_pages_on_the_printer(qtbot, tmp_path, monkeypatch, estate, clerk):
    """Print goes through the system print dialog; here the printer is a PDF file."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from pypdf import PdfReader
    from models.records.cards import owner_card_for
    from reports.pdf.records.owner_card import build_owner_card
    from ui.widgets import print_preview
    out = tmp_path / "printed.pdf"

    def accept(dialog):
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.PdfFormat)
        printer.setOutputFileName(str(out))
        return QPrintDialog.Accepted
    monkeypatch.setattr(QPrintDialog, "exec", accept)
    printed = []
    assert print_preview.print_pdf(None, build_owner_card(owner_card_for(clerk, estate["rooms"][0].id)), "card",
                                   on_done=printed.append)
    qtbot.waitUntil(lambda: printed == [1], timeout=20000)          # printed in the background
    assert len(PdfReader(out).pages) == 1 and out.stat().st_size > 20000


def test_a_long_preview_draws_only_what_is_seen(qtbot, tmp_path):
    """A 60-page run opens at once: pages are drawn as they scroll into view (item 7 of issue 14)."""
    from reportlab.pdfgen import canvas
    from ui.widgets.print_preview import PrintPreview
    path = tmp_path / "long.pdf"
    pdf = canvas.Canvas(str(path))
    for n in range(60):
        pdf.drawString(100, 700, f"page {n}")
        pdf.showPage()
    pdf.save()
    preview = PrintPreview(path.read_bytes(), "长单据")
    qtbot.addWidget(preview)
    preview.show()
    drawn = [i for i, label in enumerate(preview.page_labels) if label.pixmap() and not label.pixmap().isNull()]
    assert len(preview.page_labels) == 60 and drawn[:1] == [0] and len(drawn) < 10
    preview.scroll.verticalScrollBar().setValue(preview.scroll.verticalScrollBar().maximum())
    last = preview.page_labels[-1].pixmap()
    assert last is not None and not last.isNull()
    preview.reject()


def test_finance_imports_opening_arrears_from_the_window(qtbot, tmp_path, estate, finance):
    from openpyxl import Workbook
    from models.money.ledger import Charge
    from ui.main_window import MainWindow
    book = Workbook()
    book.active.append(["房号", "项目", "所属月份", "欠费金额"])
    book.active.append(["3-2-1201", "物业管理费", "2024-05", "223.75"])
    book.save(tmp_path / "opening.xlsx")
    window = MainWindow(AppContext(finance, "test"))
    qtbot.addWidget(window)
    page = window.open_page("import")
    assert page is not None                        # finance reaches the import page for opening balances
    page.run("opening-arrears", tmp_path / "opening.xlsx")
    qtbot.waitUntil(lambda: Charge.select().where(Charge.source == "opening").count() == 1, timeout=10000)
    qtbot.waitUntil(lambda: "1" in page.report.toPlainText(), timeout=5000)


def test_a_real_office_is_offered_no_demo_and_a_new_one_is_warned(qtbot, new_db, admin):
    """The cold trial: one click put 600 made-up rooms, receipts and demo123 accounts into a real office."""
    from PySide6.QtWidgets import QMessageBox
    from models import settings
    from tests.ui.conftest import when_modal
    from ui.admin.import_page import ImportPage
    page = ImportPage(AppContext(admin, "test"))
    qtbot.addWidget(page)
    assert page.demo_button.isVisibleTo(page)                    # an empty database that is no office yet
    warned = []
    when_modal(lambda box: (warned.append(box.text()), box.reject()), QMessageBox)
    qtbot.mouseClick(page.demo_button, Qt.LeftButton)
    assert "demo123" in warned[0] and e.Room.select().count() == 0
    settings.set_up_office(admin, "翠湖苑管理处", "翠湖苑", "", "")
    again = ImportPage(AppContext(admin, "test"))
    qtbot.addWidget(again)
    assert not again.demo_button.isVisibleTo(again)
