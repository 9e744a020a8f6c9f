"""The one check that a window speaks Chinese: the English words a widget and its children still show."""
from __future__ import annotations

import re

# Latin a Chinese screen shows on purpose: the letters of numbers, file kinds, keys of the keyboard.
KNOWN_LATIN = {"ZX", "ZG", "FX", "JY", "JF", "PDF", "Excel", "Ctrl", "Enter", "JPEG", "PNG", "jpg", "jpeg", "png",
               "JPG", "xlsx"}


def unexplained_english(root) -> list[str]:
    """Every English word (three letters or more) the widget and its children show: labels, buttons, tabs,
    group titles, placeholders, drop-down items, the headers of columns shown, tooltips. Empty when all is
    Chinese."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import (QAbstractButton, QComboBox, QGroupBox, QLabel, QLineEdit, QTabWidget,
                                   QTableView, QWidget)
    texts = []
    for widget in [root] + root.findChildren(QWidget):
        if isinstance(widget, QLabel):
            texts.append(re.sub(r"<[^>]+>", " ", widget.text()))
        elif isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QTableView) and widget.model() is not None:
            model = widget.model()
            texts += [str(model.headerData(c, Qt.Horizontal) or "") for c in range(model.columnCount())
                      if not widget.isColumnHidden(c)]
        texts.append(widget.toolTip())
    words = {w for text in texts for w in re.findall(r"[A-Za-z]{3,}", text or "")}
    return sorted(w for w in words if w not in KNOWN_LATIN)
