"""Preview and print a generated PDF.

Documents are PDF bytes from reports/ (ReportLab). The preview rasterises the
pages with pdfium; Print sends the same pages to a QPrinter chosen in the
system's print dialog; Save keeps the PDF; Open hands it to the system viewer.
"""
from __future__ import annotations

import tempfile
import threading
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QRect, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QLabel, QMessageBox, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from models.i18n import _
from ui.widgets.files import save_file_name


# pdfium is not thread-safe: the preview (GUI thread) and a print run (a worker) take turns.
_PDFIUM = threading.Lock()


def _to_qimage(bitmap) -> QImage:
    pil = bitmap.to_pil().convert("RGB")
    return QImage(pil.tobytes("raw", "RGB"), pil.width, pil.height, pil.width * 3, QImage.Format_RGB888).copy()


class PdfPages:
    """A PDF's pages, drawn one at a time when asked: a 200-page run is never all in memory."""

    def __init__(self, pdf: bytes):
        try:
            import pypdfium2 as pdfium
        except ImportError:
            self._doc = None
            return
        with _PDFIUM:
            self._doc = pdfium.PdfDocument(pdf)
            self.sizes = [self._doc[i].get_size() for i in range(len(self._doc))]   # in points

    def __len__(self) -> int:
        return len(self.sizes) if self._doc is not None else 0

    def image(self, index: int, dpi: int) -> QImage:
        with _PDFIUM:
            return _to_qimage(self._doc[index].render(scale=dpi / 72))

    def close(self) -> None:
        if self._doc is not None:
            with _PDFIUM:
                self._doc.close()
            self._doc = None


def render_pages(pdf: bytes, dpi: int = 110) -> list[QImage]:
    """Every page as an image (empty when pdfium is not installed); for short documents and tests."""
    pages = PdfPages(pdf)
    try:
        return [pages.image(i, dpi) for i in range(len(pages))]
    finally:
        pages.close()


def _print_pages(printer: QPrinter, pdf: bytes, progress) -> int:
    """Draw the pages on the printer one by one (a worker thread may paint on a QPrinter)."""
    pages = PdfPages(pdf)
    dpi = min(300, printer.resolution())
    painter = QPainter(printer)
    try:
        for i in range(len(pages)):
            progress(i, len(pages))
            if i:
                printer.newPage()
            image = pages.image(i, dpi)
            target = painter.viewport()
            scaled = image.size().scaled(target.size(), Qt.KeepAspectRatio)
            painter.drawImage(QRect(target.x(), target.y(), scaled.width(), scaled.height()), image)
        progress(len(pages), len(pages))
        return len(pages)
    finally:
        painter.end()
        pages.close()


def print_pdf(parent: QWidget | None, pdf: bytes, title: str, on_done: Callable[[int], None] | None = None) -> bool:
    """Ask for the printer, then print in the background with progress; False if the clerk cancelled."""
    from ui.widgets.runner import run_in_background
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        QMessageBox.warning(parent, _("Print"), _("Printing needs pypdfium2; open the PDF in the system viewer instead."))
        return False
    printer = QPrinter(QPrinter.HighResolution)
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print"))
    if dialog.exec() != QDialog.Accepted:
        return False
    job = run_in_background(parent, _("Printing"), lambda progress: _print_pages(printer, pdf, progress),
                            on_done=on_done)
    _PRINT_JOBS.append((printer, job))      # the printer lives as long as its job
    return True


_PRINT_JOBS: list = []


def open_in_system_viewer(pdf: bytes, name: str) -> Path:
    folder = Path(tempfile.gettempdir()) / "PropertyDesk"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.pdf"
    path.write_bytes(pdf)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    return path


class PrintPreview(QDialog):
    """The pages as they will print, with Print, Save PDF and Open buttons."""

    def __init__(self, pdf: bytes, title: str, parent=None):
        super().__init__(parent)
        self.pdf, self.title = pdf, title
        self.setWindowTitle(_("Print preview: {title}").format(title=title))
        screen = (parent.screen() if parent is not None else None) or QApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        self.resize(min(900, room.width() - 40) if room else 900, min(1000, room.height() - 60) if room else 1000)
        pages = QWidget()
        column = QVBoxLayout(pages)
        column.setAlignment(Qt.AlignHCenter)
        self.page_labels: list[QLabel] = []
        self.pages = PdfPages(pdf)
        # Pages as wide as the dialog allows (A4 is 8.27 in wide), so nothing is cut at the right.
        self.dpi = max(60, min(110, int((self.width() - 70) / 8.27)))
        for width, height in (self.pages.sizes if len(self.pages) else []):
            label = QLabel()
            label.setFixedSize(int(width * self.dpi / 72), int(height * self.dpi / 72))
            label.setStyleSheet("background: white; border: 1px solid #aaa;")
            column.addWidget(label)
            self.page_labels.append(label)
        if not self.page_labels:
            column.addWidget(QLabel(_("No preview here; use Open to view the PDF in the system viewer.")))
        for index in range(min(2, len(self.page_labels))):
            self._draw(index)          # what shows first is drawn at once; the rest as it scrolls into view
        scroll = QScrollArea()
        scroll.setWidget(pages)
        scroll.setWidgetResizable(True)
        self.scroll = scroll
        scroll.verticalScrollBar().valueChanged.connect(lambda _v: self._draw_visible())
        scroll.setStyleSheet("QScrollArea { background: #777; }")

        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton(_("Print…"), QDialogButtonBox.AcceptRole)
        save = buttons.addButton(_("Save PDF…"), QDialogButtonBox.ActionRole)
        open_button = buttons.addButton(_("Open in viewer"), QDialogButtonBox.ActionRole)
        close = buttons.addButton(_("Close"), QDialogButtonBox.RejectRole)
        self.print_button.clicked.connect(self._print)
        save.clicked.connect(self.save)
        open_button.clicked.connect(lambda: open_in_system_viewer(self.pdf, self.title))
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(buttons)

    def _draw(self, index: int) -> None:
        label = self.page_labels[index]
        if label.pixmap() is None or label.pixmap().isNull():
            label.setPixmap(QPixmap.fromImage(self.pages.image(index, self.dpi)))

    def _draw_visible(self) -> None:
        top = self.scroll.verticalScrollBar().value()
        bottom = top + self.scroll.viewport().height()
        for index, label in enumerate(self.page_labels):
            if label.y() + label.height() >= top and label.y() <= bottom:
                self._draw(index)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._draw_visible()

    def done(self, result: int) -> None:
        self.pages.close()
        super().done(result)

    def _print(self) -> None:
        if print_pdf(self.parentWidget(), self.pdf, self.title):
            self.accept()

    def save(self, path: str | None = None) -> str | None:
        if not path:
            path = save_file_name(self, _("Save PDF"), "pdf", f"{self.title}.pdf", "PDF (*.pdf)", ".pdf")
        if not path:
            return None
        Path(path).write_bytes(self.pdf)
        return path


def preview(parent: QWidget | None, pdf: bytes, title: str) -> PrintPreview:
    dialog = PrintPreview(pdf, title, parent)
    dialog.open()
    return dialog


def actor_of(widget: QWidget | None):
    """Who is printing: the actor of the page (or window) a preview opens from."""
    while widget is not None:
        ctx = getattr(widget, "ctx", None)
        if ctx is not None:
            return ctx.actor
        widget = widget.parentWidget()
    raise RuntimeError("a document previewed outside any page")


def preview_document(parent: QWidget | None, key: str, target, actor=None) -> PrintPreview:
    """A registered document (reports.pdf.registry), made as the command line's ``print`` makes it: its
    part's gathering function checks the actor's permission, its name is the preview's title."""
    from reports.pdf.registry import get_document
    document = get_document(key)
    pdf = document.make(actor or actor_of(parent), target, {})
    return preview(parent, pdf, document.name(target) if document.name else _(document.title))


__all__ = ["PrintPreview", "preview", "preview_document", "actor_of", "print_pdf", "render_pages", "open_in_system_viewer", "QPushButton"]
