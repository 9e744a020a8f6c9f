"""门岗: the gate guard's whole window. Scan the slip's QR code (or type its number), read the answer
in large type from a step away, press Enter (or F2, or 放行) to let the goods out.

A USB scanner types like a keyboard and ends with Enter, so the one field keeps the keyboard at all
times and is cleared after every answer, ready for the next scan. The answer and the letting out are
the domain's (``models.release.gate``); the page only shows them. Today's urgent slips (急) are
listed beside, refreshed every few seconds and after every write here, so a slip issued at another
desk reaches the gate at once. A worker's pass (出入证) is answered too: its photo, large, beside
its lines, green when it lets the worker in, red with the reason when not.
"""
from __future__ import annotations

import datetime as dt
import time

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (QApplication, QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget)

from models.errors import DomainError
from models.i18n import _
from models.release import gate
from models.release.slips import BY_TENANT, PARTIES, ReleaseSlip
from ui.bus import bus

REFRESH_MS = 5000          # the urgent list, when nothing in this window wrote
SCANNER_ENTER_S = 0.8      # an empty Enter this soon after an answer is the scanner's own second key, not the guard's

GREEN, RED, AMBER, GREY = "#1e7b34", "#c9302c", "#b36b00", "#6b7280"
CARD_PHOTO = (186, 248)    # a one-inch photo's shape, large enough to compare with the face at the window


def goods_text(items) -> str:
    return "、".join(f"{item.name} ×{item.quantity}" + (f"（{item.note}）" if item.note else "") for item in items)


def _say(label: QLabel, text: str = "", color: str | None = None, size: int = 24) -> None:
    """A line of the answer; an empty one takes no room."""
    if color is not None:
        label.setStyleSheet(f"font-size: {size}px; font-weight: bold; color: {color};")
    label.setText(text)
    label.setVisible(bool(text))


def _label(size: int, bold: bool = False, color: str = "#111") -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.NoTextInteraction)
    label.setStyleSheet(f"font-size: {size}px; color: {color};" + (" font-weight: bold;" if bold else ""))
    return label


class GatePage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.pending: str | None = None          # the text of the slip that may go out now
        self.answered_at = 0.0
        body = QHBoxLayout(self)
        body.setContentsMargins(24, 16, 24, 16)
        body.setSpacing(24)
        body.addLayout(self._build_main(), 3)
        body.addWidget(self._build_urgent(), 1)
        QShortcut(QKeySequence(Qt.Key_F2), self, self.let_out, context=Qt.WidgetWithChildrenShortcut)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        bus.data_changed.connect(self._data_changed)
        self.show_waiting()
        self.refresh_urgent()

    # --- building -----------------------------------------------------------------------------
    def _build_main(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(12)
        prompt = _label(20, color="#333")
        prompt.setText(_("Scan the QR code on the slip's gate part, or type its number with the check code under "
                         "the QR code (FX2026-000123/K7Q2MA), then press Enter."))
        self.field = QLineEdit()
        self.field.setObjectName("gate_field")
        self.field.setMaxLength(60)
        # A Chinese input method left on would swallow a scanner's keys into its candidate box.
        self.field.setAttribute(Qt.WA_InputMethodEnabled, False)
        self.field.setMinimumHeight(64)
        self.field.setPlaceholderText(_("Slip or worker's pass number, scanned or typed with its check code"))
        self.field.setStyleSheet("font-size: 30px; padding: 4px 12px;")
        self.field.returnPressed.connect(self._entered)
        passes = _label(17, color=GREY)
        passes.setText(_("A worker's pass (出入证) is scanned the same way: its photo is shown to compare with the face."))
        column.addWidget(prompt)
        column.addWidget(passes)
        column.addWidget(self.field)
        column.addWidget(self._build_answer(), 1)
        self.button = QPushButton(_("Let out (Enter)"))
        self.button.setObjectName("gate_let_out")
        self.button.setFocusPolicy(Qt.NoFocus)       # the field keeps the keyboard for the next scan
        self.button.setMinimumHeight(72)
        self.button.setStyleSheet(
            "QPushButton { font-size: 30px; font-weight: bold; color: white; background: #1e7b34; border-radius: 8px; }"
            "QPushButton:disabled { background: #c8cdd2; color: #f4f4f4; }")
        self.button.clicked.connect(self.let_out)
        self.hint = _label(17, color=GREY)
        self.hint.setText(_("Check the goods against the slip, then press Enter on the empty field (or F2, or the "
                            "button) to let them out."))
        column.addWidget(self.button)
        column.addWidget(self.hint)
        return column

    def _build_answer(self) -> QWidget:
        panel = QFrame()
        panel.setObjectName("gate_answer")
        panel.setStyleSheet("#gate_answer { background: white; border: 1px solid #d0d7de; border-radius: 8px; }")
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(20, 16, 20, 16)
        top = QHBoxLayout()
        self.number = _label(34, bold=True)
        self.urgent_mark = QLabel(_("URGENT"))
        self.urgent_mark.setStyleSheet(f"font-size: 26px; font-weight: bold; color: white; background: {RED};"
                                       "padding: 2px 10px; border-radius: 6px;")
        self.badge = QLabel()
        self.badge.setObjectName("gate_badge")
        self.badge.setAlignment(Qt.AlignCenter)
        top.addWidget(self.number)
        top.addWidget(self.urgent_mark)
        top.addStretch(1)
        top.addWidget(self.badge)
        self.reason = _label(24, bold=True, color=RED)
        self.reason.setObjectName("gate_reason")
        self.note = _label(20, bold=True, color=AMBER)
        layout.addLayout(top)
        layout.addWidget(self.reason)
        layout.addWidget(self.note)
        layout.addLayout(self._build_facts())
        layout.addWidget(self._build_card())
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(panel)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setFocusPolicy(Qt.NoFocus)
        return scroll

    def _build_facts(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(1, 1)
        self.facts: dict[str, QLabel] = {}
        self.fact_titles: dict[str, QLabel] = {}
        for row, (key, title) in enumerate((("room", _("Room")), ("person", _("Goods go out with")), ("goods", _("Goods")),
                                            ("plate", _("Vehicle plate")), ("valid", _("Valid until")))):
            caption = _label(20, color=GREY)
            caption.setText(title)
            caption.setAlignment(Qt.AlignRight | Qt.AlignTop)
            caption.setSizePolicy(QSizePolicy.Maximum, QSizePolicy.Preferred)
            value = _label(28, bold=True)
            value.setObjectName(f"gate_{key}")
            grid.addWidget(caption, row, 0)
            grid.addWidget(value, row, 1)
            self.facts[key], self.fact_titles[key] = value, caption
        return grid

    def _build_card(self) -> QWidget:
        """Another part's pass (a worker's 出入证): the holder's photo, large, beside what the pass says."""
        self.card = QFrame()
        self.card.setObjectName("gate_card")
        row = QHBoxLayout(self.card)
        row.setContentsMargins(0, 8, 0, 0)
        row.setSpacing(24)
        self.card_photo = QLabel()
        self.card_photo.setObjectName("gate_card_photo")
        self.card_photo.setFixedSize(*CARD_PHOTO)
        self.card_photo.setAlignment(Qt.AlignCenter)
        self.card_rows = QGridLayout()
        self.card_rows.setHorizontalSpacing(18)
        self.card_rows.setVerticalSpacing(4)
        self.card_rows.setColumnStretch(1, 1)
        row.addWidget(self.card_photo, 0, Qt.AlignTop)
        row.addLayout(self.card_rows, 1)
        self.card.setVisible(False)
        return self.card

    def _build_urgent(self) -> QWidget:
        box = QFrame()
        box.setObjectName("gate_urgent_box")
        box.setMinimumWidth(300)
        box.setMaximumWidth(380)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.urgent_title = _label(20, bold=True, color=RED)
        self.urgent_list = QListWidget()
        self.urgent_list.setObjectName("gate_urgent")
        self.urgent_list.setFocusPolicy(Qt.NoFocus)
        self.urgent_list.setSelectionMode(QListWidget.NoSelection)
        self.urgent_list.setWordWrap(True)
        self.urgent_list.setStyleSheet("QListWidget { font-size: 17px; } QListWidget::item { padding: 8px 4px; "
                                       "border-bottom: 1px solid #e5e7eb; }")
        self.urgent_empty = _label(17, color=GREY)
        self.urgent_empty.setText(_("No urgent slip waiting today."))
        layout.addWidget(self.urgent_title)
        layout.addWidget(self.urgent_empty)
        layout.addWidget(self.urgent_list, 1)
        return box

    # --- what the screen shows ----------------------------------------------------------------
    def _set_badge(self, text: str, color: str) -> None:
        self.badge.setText(text)
        self.badge.setStyleSheet(f"font-size: 34px; font-weight: bold; color: white; background: {color};"
                                 "padding: 8px 22px; border-radius: 8px;")
        self.badge.setVisible(bool(text))

    def _show_slip(self, slip: ReleaseSlip | None, items) -> None:
        for key in self.facts:
            self.facts[key].clear()
        shown = slip is not None
        for label in list(self.facts.values()) + list(self.fact_titles.values()):
            label.setVisible(shown)
        self.urgent_mark.setVisible(shown and slip.urgent)
        if not shown:
            return
        self.facts["room"].setText(slip.room.label)
        role = _(PARTIES.get(slip.person_role, slip.person_role))
        self.facts["person"].setText(f"{slip.person_name}（{role}）")
        self.facts["goods"].setText(goods_text(items) or "—")
        self.facts["plate"].setText(slip.plate or _("none"))
        until = f"{slip.valid_until:%Y-%m-%d}"
        self.facts["valid"].setText(_("{date} (today)").format(date=until) if slip.valid_until == dt.date.today()
                                    else until)

    def _show_card(self, card, color: str = GREY) -> None:
        """A pass's photo and lines, framed in the answer's colour; ``None`` hides them."""
        self.card.setVisible(card is not None)
        if card is None:
            return
        self.card_photo.setStyleSheet(f"border: 4px solid {color}; background: #f3f4f6; color: {GREY}; font-size: 18px;")
        image = QImage.fromData(card.photo) if card.photo else QImage()
        if image.isNull():
            self.card_photo.setPixmap(QPixmap())
            self.card_photo.setText(_("No photo"))
        else:
            inner = QSize(CARD_PHOTO[0] - 8, CARD_PHOTO[1] - 8)
            self.card_photo.setPixmap(QPixmap.fromImage(image).scaled(inner, Qt.KeepAspectRatio, Qt.SmoothTransformation))
        while self.card_rows.count() // 2 < len(card.rows):
            line, caption, shown = self.card_rows.count() // 2, _label(20, color=GREY), _label(28, bold=True)
            caption.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
            caption.setSizePolicy(QSizePolicy.Maximum, QSizePolicy.Preferred)
            shown.setObjectName(f"gate_card_{line}")
            self.card_rows.addWidget(caption, line, 0)
            self.card_rows.addWidget(shown, line, 1)
        for line in range(self.card_rows.count() // 2):
            title, value = card.rows[line] if line < len(card.rows) else ("", "")
            for column, text in enumerate((title, value)):
                _say(self.card_rows.itemAtPosition(line, column).widget(), text)

    def show_pass(self, answer: gate.GateAnswer, text: str = "") -> None:
        """A worker's pass, worded for going in (进入) whether or not it was found: valid in green, else red with
        the reason (amber while its check code is missing). No goods go out."""
        self.pending = None
        self.button.setEnabled(False)
        self.number.setStyleSheet("font-size: 30px; font-weight: bold; color: #111;")
        number = text.strip().partition("/")[0][:30] or "—"          # the number read, without the code typed
        self.number.setText(answer.card.title if answer.card is not None else _("Worker's pass {number}").format(
            number=number))
        self._show_slip(None, [])
        _say(self.note)
        self._verdict(answer, _("Valid: let in"), _("Do not let in"))
        self._show_card(answer.card, GREEN if answer.ok else RED)

    def _verdict(self, answer: gate.GateAnswer, ok_words: str, refused_words: str) -> None:
        """The badge and the reason: green, amber while the check code is missing, else red with a beep."""
        if answer.ok:
            self._set_badge(ok_words, GREEN)
            _say(self.reason)
        elif answer.state == gate.NEEDS_CODE:      # not a refusal yet: the guard types the code too
            self._set_badge(answer.state_label, AMBER)
            _say(self.reason, answer.reason, AMBER)
        else:
            self._set_badge(refused_words + " · " + answer.state_label, RED)
            _say(self.reason, answer.reason, RED)
            QApplication.beep()

    def show_waiting(self) -> None:
        self.pending = None
        self.number.setText(_("Waiting for a slip"))
        self.number.setStyleSheet(f"font-size: 34px; font-weight: bold; color: {GREY};")
        self._set_badge("", GREY)
        _say(self.reason)
        _say(self.note)
        self._show_slip(None, [])
        self._show_card(None)
        self.button.setEnabled(False)

    def show_answer(self, answer: gate.GateAnswer, text: str) -> None:
        if answer.subject != "slip" or answer.card is not None:     # another part's pass (a worker's 出入证)
            self.show_pass(answer, text)
            return
        self._show_card(None)
        slip = answer.slip
        self.number.setStyleSheet("font-size: 34px; font-weight: bold; color: #111;")
        self.number.setText(slip.serial if slip is not None else text.strip()[:40] or "—")
        self._show_slip(slip if answer.state != "forged" else None, answer.items)
        self.pending = text if answer.ok else None
        self.button.setEnabled(answer.ok)
        _say(self.note, _("The number was typed, not scanned: compare the room and the goods with the paper slip.")
             if answer.ok and answer.typed else "")
        self._verdict(answer, _("OK to let out"), _("Do not let out"))

    def show_error(self, message: str) -> None:
        """A refusal of the letting out (used meanwhile, expired at midnight) or a fault: in red, on the page."""
        self.pending = None
        self.button.setEnabled(False)
        self._set_badge(_("Do not let out"), RED)
        _say(self.reason, message, RED)
        QApplication.beep()

    def show_done(self, slip: ReleaseSlip) -> None:
        self.pending = None
        self.button.setEnabled(False)
        self._set_badge(_("Goods let out"), GREEN)
        _say(self.note)
        _say(self.reason, _("Let out at {time} by {who}. Keep the gate part.").format(
            time=f"{slip.used_at:%H:%M}", who=slip.used_by), GREEN, 26)

    # --- what the guard does ------------------------------------------------------------------
    def _entered(self) -> None:
        text = self.field.text()
        self.field.clear()
        self.field.setFocus()
        if text.strip():
            self.scan(text)
        elif time.monotonic() - self.answered_at >= SCANNER_ENTER_S:
            self.let_out()

    def scan(self, text: str) -> None:
        """The gate's answer to a scan or a typed number; never a dialog, whatever was typed."""
        try:
            answer = gate.answer(text)
        except Exception as error:      # noqa: BLE001 - the guard reads a sentence, never a traceback
            self.show_waiting()
            self.show_error(_("The slip cannot be read now ({error}). Call the front desk.").format(error=error))
        else:
            self.show_answer(answer, text)
        self.answered_at = time.monotonic()

    def let_out(self) -> None:
        """放行: the slip shown is used now, by this guard."""
        self.field.setFocus()
        if self.pending is None:
            if not self.reason.text():
                _say(self.note, _("Scan a slip first."), AMBER, 20)
            return
        text, self.pending = self.pending, None
        try:
            slip = gate.use_slip(self.ctx.actor, text)
        except DomainError as error:
            self.show_error(str(error))
        except Exception as error:      # noqa: BLE001
            self.show_error(_("The slip could not be marked as used ({error}): do not let the goods out; call "
                              "the front desk.").format(error=error))
        else:
            self.show_done(slip)
            bus.changed("release")
            if slip.whole_household and slip.person_role == BY_TENANT:
                bus.changed("people")

    # --- the urgent list ----------------------------------------------------------------------
    def refresh_urgent(self) -> None:
        try:
            slips = gate.urgent_today()
        except Exception:  # noqa: BLE001 - a busy database: the next tick tries again
            return
        self.urgent_title.setText(_("Urgent today ({n})").format(n=len(slips)))
        self.urgent_list.clear()
        for slip in slips:
            items = list(slip.items)
            text = (f"{slip.serial}  {slip.issued_at:%H:%M}\n{slip.room.label}  {slip.person_name}\n"
                    f"{goods_text(items)}" + ("\n" + _("Plate {plate}").format(plate=slip.plate) if slip.plate else ""))
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, slip.serial)
            self.urgent_list.addItem(item)
        self.urgent_empty.setVisible(not slips)

    def _data_changed(self, _kind: str) -> None:
        if self.isVisible():
            self.refresh_urgent()

    def _tick(self) -> None:
        if not self.isVisible():
            return
        self.refresh_urgent()
        if QApplication.activeModalWidget() is None and self.window().isActiveWindow() and not self.field.hasFocus():
            self.field.setFocus()

    def showEvent(self, event):  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh_urgent()
        self.field.setFocus()
