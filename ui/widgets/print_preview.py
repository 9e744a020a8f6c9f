"""Preview and print a generated PDF.

Documents are PDF bytes from reports/ (ReportLab). The preview rasterises the
pages with pdfium; Print sends the same pages to a QPrinter chosen in the
system's print dialog; Save keeps the PDF; Open hands it to the system viewer.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QRect, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QLabel, QMessageBox, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from models.i18n import _
from ui.widgets.files import save_file_name


def render_pages(pdf: bytes, dpi: int = 110) -> list[QImage]:
    """The PDF's pages as images (empty when pdfium is not installed)."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        return []
    document = pdfium.PdfDocument(pdf)
    images = []
    for index in range(len(document)):
        bitmap = document[index].render(scale=dpi / 72)
        pil = bitmap.to_pil().convert("RGB")
        data = pil.tobytes("raw", "RGB")
        image = QImage(data, pil.width, pil.height, pil.width * 3, QImage.Format_RGB888).copy()
        images.append(image)
    document.close()
    return images


def print_pdf(parent: QWidget | None, pdf: bytes, title: str) -> bool:
    printer = QPrinter(QPrinter.HighResolution)
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print"))
    if dialog.exec() != QDialog.Accepted:
        return False
    pages = render_pages(pdf, dpi=min(300, printer.resolution()))
    if not pages:
        QMessageBox.warning(parent, _("Print"), _("Printing needs pypdfium2; open the PDF in the system viewer instead."))
        return False
    painter = QPainter(printer)
    try:
        for i, image in enumerate(pages):
            if i:
                printer.newPage()
            target = painter.viewport()
            scaled = image.size().scaled(target.size(), Qt.KeepAspectRatio)
            painter.drawImage(QRect(target.x(), target.y(), scaled.width(), scaled.height()), image)
    finally:
        painter.end()
    return True


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
        self.page_labels = []
        # Pages as wide as the dialog allows (A4 is 8.27 in wide), so nothing is cut at the right.
        dpi = max(60, min(110, int((self.width() - 70) / 8.27)))
        images = render_pages(pdf, dpi=dpi)
        for image in images:
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("background: white; border: 1px solid #aaa;")
            column.addWidget(label)
            self.page_labels.append(label)
        if not images:
            column.addWidget(QLabel(_("No preview here; use Open to view the PDF in the system viewer.")))
        scroll = QScrollArea()
        scroll.setWidget(pages)
        scroll.setWidgetResizable(True)
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

    def _print(self) -> None:
        if print_pdf(self, self.pdf, self.title):
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


__all__ = ["PrintPreview", "preview", "print_pdf", "render_pages", "open_in_system_viewer", "QPushButton"]
