"""What the inspection, notice, escalation and gate-pass window tests share: a room in works, its
window, and the pages registered (ui/renovation/__init__.py registers them; until it does, here)."""
from __future__ import annotations

import datetime as dt

import pytest

from tests.domain.renovation.conftest import TODAY, application, jpeg  # noqa: F401  (re-exported)
from tests.ui.money_clerk import open_window

PAGES = (("inspections", "Today's inspections", "inspect_page", "InspectionsPage", "renovation.inspect"),
         ("notices", "Rectification notices", "notices_page", "NoticesPage", "renovation.view"),
         ("escalations", "Escalations", "escalation_page", "EscalationsPage", "renovation.escalate"))


def ensure_pages() -> None:
    """The three pages in the window, as ui/renovation registers them (a stand-in while it does not)."""
    import importlib

    from ui import modules
    modules.load_modules()
    known = {page.key for module in modules.MODULES for page in module.pages}
    missing = [p for p in PAGES if p[0] not in known]
    if not missing:
        return

    def factory(module_name, class_name):
        return lambda ctx: getattr(importlib.import_module(f"ui.renovation.{module_name}"), class_name)(ctx)
    modules.register(modules.Module("renovation_inspect_test", "Renovation", 45, [
        modules.Page(key, title, factory(module_name, class_name), permission=permission)
        for key, title, module_name, class_name, permission in missing]))


def room_in_works(estate, clerk, engineer, room_index: int = 1, **changes):
    """A renovation in works on one of the estate's rooms (its owner 张伟), started today."""
    from models.records import people as p
    from models.records.estate import ROOM, Room
    from models.db import write_tx
    from models.renovation import deciding
    from models.renovation.applying import submit_application
    room = estate["rooms"][room_index]
    if room_index != 0:
        p.transfer_ownership(clerk, room.id, [estate["owner"].id], "2020-05-01", f"粤房证2020-00{room_index + 1}")
        with write_tx():
            ROOM.move(clerk, Room.get_by_id(room.id), "move_in")
    data = application(estate, room_id=room.id, **changes)
    made = submit_application(clerk, data)
    deciding.approve(engineer, made.id, "按图施工")
    deciding.owner_told(clerk, made.id, "电话")
    return deciding.start_works(clerk, made.id)


@pytest.fixture
def works(estate, clerk, engineer):
    """Two rooms in works: 1202 and 1301."""
    return [room_in_works(estate, clerk, engineer, 1), room_in_works(estate, clerk, engineer, 2)]


def inspections_window(qtbot, actor):
    ensure_pages()
    window = open_window(qtbot, actor)
    window.resize(1280, 800)
    return window


def a_finding(clerk, renovation, findings="休息时间电钻施工", days_ago: int = 0):
    """An inspection that found something (recorded now; its notice can be back-dated by the caller)."""
    from models.renovation import inspections
    return inspections.record_inspection(clerk, inspections.InspectionInput(
        renovation.id, passed=False, findings=findings))


def overdue_notice(clerk, renovation, days: int = 3, **changes):
    """A notice issued ``days`` ago with a deadline yesterday: overdue now."""
    from models.db import write_tx
    from models.renovation import inspections
    from models.renovation.works import RectificationNotice
    inspection = a_finding(clerk, renovation)
    notice = inspections.issue_notice(clerk, inspections.NoticeInput(
        inspection.id, "第七条 施工时间", "停止噪音作业", TODAY, **changes))
    with write_tx():
        RectificationNotice.update(deadline=TODAY - dt.timedelta(days=1),
                                   issued_at=dt.datetime.now() - dt.timedelta(days=days)).where(
            RectificationNotice.id == notice.id).execute()
    return RectificationNotice.get_by_id(notice.id)


