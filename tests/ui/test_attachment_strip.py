"""The attachment strip as a clerk uses it: attach a photo and a PDF, see thumbnails, open them, set one aside."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from models import attachments as att
from tests.domain.test_attachments import pdf, photo
from ui.context import AppContext


@pytest.fixture
def strip(qtbot, db, clerk):
    from ui.widgets.attachments import AttachmentStrip
    att.register_owner(att.Owner("test_record", "Test record", "records.edit"))
    widget = AttachmentStrip(AppContext(clerk, "test"), "test_record")
    qtbot.addWidget(widget)
    widget.show_owner(5)
    widget.show()
    yield widget
    att.OWNERS.pop("test_record", None)


def test_files_are_attached_shown_and_opened(qtbot, strip, tmp_path, monkeypatch):
    from ui.widgets import attachments as ui_att
    from ui.widgets.print_preview import PrintPreview
    files = {"licence.pdf": pdf(), "site.jpg": photo(), "renamed.jpg": "不是图片".encode()}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    for name in files:
        monkeypatch.setattr(ui_att, "open_file_name", lambda *a, n=name: str(tmp_path / n))
        qtbot.mouseClick(strip.add_button, Qt.LeftButton)
    assert strip.list.count() == 2 and "既不是" in strip.message.text()
    assert not strip.list.item(1).icon().isNull()
    strip.open(strip.list.item(1).data(Qt.UserRole))
    photo_dialog = [w for w in QApplication.topLevelWidgets() if isinstance(w, ui_att.PhotoDialog) and w.isVisible()]
    assert photo_dialog and photo_dialog[0].image.pixmap().width() == 1500
    strip.open(strip.list.item(0).data(Qt.UserRole))
    assert [w for w in QApplication.topLevelWidgets() if isinstance(w, PrintPreview) and w.isVisible()]
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, (ui_att.PhotoDialog, PrintPreview)):
            widget.close()


def test_a_role_without_the_permission_sees_the_files_without_the_buttons(qtbot, db, engineer, clerk):
    from ui.widgets.attachments import AttachmentStrip
    att.register_owner(att.Owner("test_record", "Test record", "records.edit"))
    att.add_attachment(clerk, "test_record", 9, "a.pdf", pdf())
    widget = AttachmentStrip(AppContext(engineer, "test"), "test_record")
    qtbot.addWidget(widget)
    widget.show_owner(9)
    assert widget.list.count() == 1 and widget.add_button.isHidden()
    att.OWNERS.pop("test_record", None)
