"""What the renovation window tests share: files a clerk chooses, typing into a table's cell, the start
page's tiles, the previews opened, and a modal dialog answered by clicking its OK."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QPushButton

from tests.domain.renovation.conftest import jpeg, pdf
from tests.ui.conftest import type_text, when_modal


def files(tmp_path) -> dict:
    """A photo, a PDF licence and a text file renamed .jpg, on disk as the clerk has them."""
    made = {"photo1": jpeg(colour=(190, 160, 140)), "photo2": jpeg(colour=(150, 170, 190)), "licence": pdf()}
    paths = {}
    for name, data in made.items():
        path = tmp_path / (f"{name}.pdf" if name == "licence" else f"{name}.jpg")
        path.write_bytes(data)
        paths[name] = str(path)
    fake = tmp_path / "renamed.jpg"
    fake.write_text("this is not a picture")
    paths["renamed"] = str(fake)
    return paths


def choosing(monkeypatch, *paths: str) -> list:
    """The file dialog answers with ``paths``, one each time it is asked (as the clerk picks them)."""
    queue = list(paths)
    monkeypatch.setattr("ui.renovation.files.open_file_name", lambda *_a, **_k: queue.pop(0) if queue else None)
    return queue


def type_cell(qtbot, table, row: int, column: int, text: str) -> None:
    """Into a cell as a clerk does: the cell chosen, its editor opened, typed, Enter."""
    from PySide6.QtWidgets import QAbstractItemView, QLineEdit
    index = table.model().index(row, column)
    table.setFocus()
    table.setCurrentIndex(index)               # a view editing on any trigger opens the cell's editor here
    if table.state() != QAbstractItemView.EditingState:
        table.edit(index)
    editors = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1, "no cell editor opened"
    editors[0].selectAll()
    type_text(qtbot, editors[0], text)
    qtbot.keyClick(editors[0], Qt.Key_Return)
    QApplication.processEvents()              # the delegate commits the cell on the next turn of the loop


def tile(window, caption: str):
    """The start page's tile with ``caption``, and the texts on it."""
    start = window.open_page("start")
    start.refresh()
    for widget in start.cards():
        texts = [label.text() for label in widget.findChildren(QLabel)]
        if caption in texts:
            return widget, texts
    raise AssertionError(f"no tile {caption!r}")


def previews():
    from ui.widgets.print_preview import PrintPreview
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, PrintPreview) and w.isVisible()]


def close_previews() -> None:
    for preview in previews():
        preview.reject()


def ok_when_up(kind, act=None) -> list:
    """When the next ``kind`` dialog is up: ``act(dialog)``, then its OK clicked; what it said is kept."""
    seen = []

    def answer(dialog: QDialog):
        if act is not None:
            act(dialog)
        box = dialog.findChild(QDialogButtonBox)
        button = box.button(QDialogButtonBox.Ok)
        button.click()
        seen.append(dialog.message.text() if hasattr(dialog, "message") else "")
        if dialog.isVisible():          # refused: the sentence is kept, the dialog closed for the test
            dialog.reject()
    when_modal(answer, kind)
    return seen


def button(widget, text: str) -> QPushButton:
    """A visible button of ``widget`` by its caption, as the clerk finds it."""
    found = [b for b in widget.findChildren(QPushButton) if b.text() == text and b.isVisible()]
    assert found, f"no button {text!r}: {[b.text() for b in widget.findChildren(QPushButton) if b.isVisible()]}"
    return found[0]


def tick(qtbot, box) -> None:
    """A tick box clicked on its box, where a clerk clicks (a wide one's far end is not part of it)."""
    from PySide6.QtCore import QPoint
    qtbot.mouseClick(box, Qt.LeftButton, pos=QPoint(8, box.height() // 2))
