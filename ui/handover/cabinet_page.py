"""钥匙柜: the desk's key cabinet (seed 000 §5; DOMAIN.md "Handover and keys").

At the top one field holds the keyboard whenever the page is shown: a USB scanner types the key tag's
barcode (K000123) and Enter, or the clerk types the hook number (A-012). A key in the cabinet opens the
loan form (借出), a key that is out opens the return form (归还); a tag no key has, or a key that can be
neither (lost, no longer held), is said in one Chinese sentence in red beneath the field, nothing
written. Beneath, every key the office holds, over the "keys" list: a key overdue in red, an owner's
entrustment ended marked; what is done to the chosen key (lend, take back, lost, a new key on the hook,
no longer held, its tag, the register) on the row of buttons.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from models.errors import DomainError, InvalidInput
from models.handover import keys
from models.handover.tables import IN_CABINET, KEY, KEY_STATES, LOST, OUT, RETIRED, Key
from models.i18n import _
from models.listing import get_list
from models.users import revealed
from ui.handover.cabinet_actions import LostDialog, replace_key, retire_key
from ui.handover.cabinet_model import FILTERS, SHOWN, EnterOpens, KeyModel, add_shown
from ui.handover.cabinet_print import preview_register, preview_tags
from ui.handover.loan_dialog import LoanDialog, ReturnDialog
from ui.widgets.chosen_row import ChosenRow
from ui.widgets.fitted_columns import FittedColumns
from ui.widgets.forms import error_label
from ui.widgets.list_page import ListPage
from ui.widgets.messages import ask_text, show_error

GREEN = "#1e7b34"


class CabinetPage(FittedColumns, ChosenRow, ListPage):
    HIDDEN = ("added_at", "note")         # in the export and the register; the screen shows what a key is read by
    GROW = "entrusted_scope"
    WHOLE = {"hook": "A-012", "tag": "K000123", "kind": "业主委托", "out_due": "2026-11-29 13:44",
             "label": "架空层活动室门"}          # and the states, below
    WHOLE_BOLD = True                     # an overdue key's state and due time are in bold

    def __init__(self, ctx):
        super().__init__(ctx, get_list("keys"), kinds=("keys",))
        self.WHOLE = {**self.WHOLE, "state": max((_(label) for label in KEY_STATES.values()), key=len)}
        self.model = KeyModel(self.spec, reveal=revealed(ctx.actor), parent=self)
        self.view.setModel(self.model)
        self.keep_chosen()
        self.search.setPlaceholderText(_("Hook, tag, room or owner"))
        self.layout().insertWidget(0, self._scan_box())
        self.shown = add_shown(self, SHOWN, FILTERS)
        self._actions()
        self.activated.connect(lambda key_id: self.lend_or_take_back(self._key(key_id)))
        EnterOpens(self)
        self.view.installEventFilter(self)          # a scan while the list has the keyboard goes to the field
        self.settle_columns()

    # --- building --------------------------------------------------------------------------------
    def _scan_box(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 6)
        row = QHBoxLayout()
        self.scan_field = QLineEdit()
        self.scan_field.setObjectName("key_scan")
        self.scan_field.setPlaceholderText(_("Scan the key tag or type the hook number"))
        self.scan_field.setStyleSheet("QLineEdit { font-size: 20px; padding: 4px 8px; }")
        self.scan_field.setMaxLength(40)
        self.scan_field.setMinimumWidth(360)
        self.scan_field.setMaximumWidth(520)
        self.scan_field.returnPressed.connect(self.scan)
        hint = QLabel(_("A key in the cabinet is lent, a key that is out is taken back."))
        hint.setStyleSheet("color: #6b7280;")
        row.addWidget(self.scan_field)
        row.addWidget(hint, 1)
        self.scan_message = error_label()
        self.scan_message.setObjectName("scan_message")
        self.scan_note = QLabel()
        self.scan_note.setObjectName("scan_note")
        self.scan_note.setWordWrap(True)
        self.scan_note.setStyleSheet(f"color: {GREEN}; font-weight: bold;")
        self.scan_field.textEdited.connect(lambda _t: self._say())
        said = QWidget()                  # the answer's line keeps its room, so the list does not jump at a scan
        said.setMinimumHeight(self.scan_note.fontMetrics().height() + 6)
        answer = QVBoxLayout(said)
        answer.setContentsMargins(0, 0, 0, 0)
        answer.addWidget(self.scan_message)
        answer.addWidget(self.scan_note)
        column.addLayout(row)
        column.addWidget(said)
        self._say()
        return box

    def _actions(self) -> None:
        can = self.ctx.actor.can
        self.lend_button = self.add_action(_("Lend…"), lambda: self._on_chosen(self.lend_key))
        self.return_button = self.add_action(_("Take back…"), lambda: self._on_chosen(self.take_back_key))
        self.lost_button = self.add_action(_("Key lost…"), lambda: self._on_chosen(self.report_lost))
        self.replace_button = self.add_action(_("New key on the hook…"),
                                              lambda: self._on_chosen(lambda k: replace_key(self.ctx, k, self)))
        self.retire_button = self.add_action(_("Give back / no longer held…"),
                                             lambda: self._on_chosen(lambda k: retire_key(self.ctx, k, self)))
        self.loans_button = self.add_action(_("Its loans"), lambda: self._on_chosen(self.show_loans))
        self.tags_button = self.add_action(_("Print key tags…"), self.print_tags)
        self.register_button = self.add_action(_("Print the register…"), lambda: preview_register(self))
        self.add_button = self.add_action(_("Put a key in…"), self.add_key)
        for button in (self.lend_button, self.return_button, self.lost_button):
            button.setVisible(can("keys.lend"))
        for button in (self.replace_button, self.retire_button, self.add_button):
            button.setVisible(can("keys.manage"))
        self._enable()

    # --- the scan --------------------------------------------------------------------------------
    def _say(self, error: str = "", note: str = "") -> None:
        self.scan_message.setText(error)
        self.scan_message.setVisible(bool(error))
        self.scan_note.setText(note)
        self.scan_note.setVisible(bool(note))

    def scan(self) -> None:
        """The tag scanned (or the hook typed), then Enter: lend the key, or take it back."""
        text = self.scan_field.text()
        try:
            key = keys.find_key(text)
        except DomainError as refusal:
            self._say(str(refusal))
            self.scan_field.selectAll()
            return
        self.show_key(key.id)
        self.lend_or_take_back(key)

    def lend_or_take_back(self, key: Key | None) -> None:
        if key is None:
            return
        verb = "take_back" if key.state == OUT else "lend"
        if verb == "lend" and self.ctx.actor.can("keys.lend"):
            self.lend_key(key)                  # or why it cannot be (lost, an entrustment ended), said here
            return
        refusal = KEY.why_not(self.ctx.actor, key, verb)
        if refusal:
            self._say(f"{key.hook}：{refusal}")
            self.scan_field.selectAll()
            self.scan_field.setFocus()
            return
        if verb == "lend":
            self.lend_key(key)
        else:
            self.take_back_key(key)

    def _dialog(self, dialog, done) -> None:
        """Open ``dialog`` on the page (window-modal); when it closes, ``done(dialog)`` if it was accepted,
        and the keyboard back in the scan field for the next key."""
        self._say()
        dialog.setAttribute(Qt.WA_DeleteOnClose)

        def finished(result: int) -> None:
            if result:
                done(dialog)
            self.scan_field.clear()
            self.scan_field.setFocus()
        dialog.finished.connect(finished)
        dialog.open()

    def lend_key(self, key: Key) -> None:
        """The loan form, unless the key cannot be lent (an owner's entrustment ended, lost, …): then why, at the
        scan field, and the keyboard back there."""
        refusal = keys.why_not_lend(key)
        if refusal:
            self._say(refusal)
            self.scan_field.selectAll()
            self.scan_field.setFocus()
            return
        self._dialog(LoanDialog(self.ctx, key, self), self._lent)

    def _lent(self, dialog: LoanDialog) -> None:
        loan = dialog.loan
        self._say(note=_("Key {hook} lent to {borrower}, loan slip {number}, due back {due}.").format(
            hook=loan.key.hook, borrower=loan.borrower, number=loan.serial, due=loan.due_at.strftime("%m-%d %H:%M")))
        if dialog.preview is not None:          # the slip signed and printed: the keyboard back for the next key
            dialog.preview.finished.connect(lambda _r: self.scan_field.setFocus())

    def take_back_key(self, key: Key) -> None:
        self._dialog(ReturnDialog(self.ctx, key, self), lambda d: self._say(note=_(
            "Key {hook} is back in the cabinet, brought back by {who}.").format(
            hook=key.hook, who=d.returned.returned_by if d.returned else "")))

    def report_lost(self, key: Key) -> None:
        self._dialog(LostDialog(self.ctx, key, self), lambda d: self._say(note=_(
            "Key {hook} is recorded lost.").format(hook=key.hook)))

    def add_key(self) -> None:
        from ui.handover.key_dialog import KeyDialog
        self._dialog(KeyDialog(self.ctx, None, self), lambda d: self.show_key(d.key.id))

    # --- the chosen key --------------------------------------------------------------------------
    def _key(self, key_id: int | None) -> Key | None:
        if key_id is None:
            return None
        try:
            return keys.find_key(keys.tag_code(key_id))
        except DomainError:
            return None

    def chosen_key(self, quiet: bool = False) -> Key | None:
        key = self._key(self.current_id())
        if key is None and not quiet:
            show_error(self, InvalidInput(_("Choose a key in the list first.")), _("Key cabinet"))
        return key

    def _on_chosen(self, act) -> None:
        key = self.chosen_key()
        if key is not None:
            act(key)

    def _enable(self) -> None:
        key = self.chosen_key(quiet=True)
        state = key.state if key is not None else None
        self.lend_button.setEnabled(state == IN_CABINET)
        self.return_button.setEnabled(state == OUT)
        self.lost_button.setEnabled(state in (IN_CABINET, OUT))
        self.replace_button.setEnabled(state == LOST)
        self.retire_button.setEnabled(state in (IN_CABINET, LOST))
        self.loans_button.setEnabled(key is not None)

    def show_key(self, key_id: int) -> None:
        """The key chosen in the list (the filters cleared when they hide it), scrolled into view."""
        self.chosen = key_id
        if self._stale:
            self.refresh()
        if key_id not in self.model.ids():
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.model.text = ""
            self.shown.blockSignals(True)
            self.shown.setCurrentIndex(0)
            self.shown.blockSignals(False)
            self.model.show("")
            self._update_count()
        self.show_id(key_id)

    def show_loans(self, key: Key) -> None:
        """借用记录 of the chosen key: the key loans, found by its tag."""
        page = self.ctx.window.open_page("key_loans", come_back=True)
        if page is not None:
            page.show_key(key.tag)

    # --- printing --------------------------------------------------------------------------------
    def print_tags(self) -> None:
        """钥匙牌 of the chosen keys (their hooks' range), or of the hooks typed, or of every key held."""
        from models.handover.printed import hook_order
        from reports.pdf.handover import parse_hook_range
        hooks = sorted((k.hook for k in (self._key(i) for i in self.selected_ids()) if k is not None
                        and k.state != RETIRED), key=hook_order)
        typed = hooks[0] if len(hooks) == 1 else f"{hooks[0]}~{hooks[-1]}" if hooks else ""
        text, ok = ask_text(self, _("Print key tags"), _("The hooks whose tags to print, e.g. A-001~A-040 (empty: "
                                                        "every key held):"), _("Preview"), typed,
                            act=lambda t: parse_hook_range(t) if t.strip() else None)
        if ok:
            preview_tags(self, text.strip())

    # --- Qt --------------------------------------------------------------------------------------
    def eventFilter(self, watched, event):  # noqa: N802 - Qt override
        """Letters and digits typed while the list has the keyboard (the clerk clicked a row, then scanned a
        tag) go to the scan field, and the scanner's Enter after them."""
        if watched is self.view and event.type() == QEvent.KeyPress and event.text() and event.text().isprintable() \
                and not event.modifiers() & (Qt.ControlModifier | Qt.AltModifier) and event.text() != " ":
            self.scan_field.setFocus()
            QApplication.sendEvent(self.scan_field, event)
            return True
        return super().eventFilter(watched, event)

    def showEvent(self, event):  # noqa: N802 - Qt override
        super().showEvent(event)
        self.scan_field.setFocus()


def open_key(ctx, key_id: int) -> None:
    """The cabinet with the key chosen (a timeline line, a search hit)."""
    page = ctx.window.open_page("key_cabinet", come_back=True)
    if page is not None:
        page.show_key(key_id)
