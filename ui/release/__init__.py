"""Move-out release at the desk and at the gate: issuing slips, the gate page, the follow-up lists."""
from __future__ import annotations

import importlib

import models.release  # noqa: F401  (release permissions, the gate role, settings)
from models.i18n import _
from ui.modules import (Module, Page, RoomAction, register, register_opener, register_room_action)


def _page(module_name: str, class_name: str):
    def make(ctx):
        return getattr(importlib.import_module(f"ui.release.{module_name}"), class_name)(ctx)
    return make


def _start_items(ctx):
    from ui.release.start import start_items
    return start_items(ctx)


def open_issue(ctx, room_id: int | None = None) -> None:
    """The release form, on a room (from its page) or empty (from the start page: find the room first)."""
    page = ctx.window.open_page("release_issue")
    if page is not None and room_id is not None:
        page.show_room(room_id)


register(Module(
    key="release", title="Move-out release", order=30,
    pages=[Page("release_issue", "Issue a release slip", _page("issue_page", "IssuePage"), permission="release.issue"),
           Page("releases", "Release slips", _page("registers", "ReleasesPage"), permission="release.view"),
           Page("release_approvals", "Director's approvals", _page("approvals_page", "ApprovalsPage"),
                permission="release.view"),
           Page("gate", "Gate", _page("gate_page", "GatePage"), permission="release.gate")],
    start_items=_start_items,
    actions=[(_("Release goods…"), lambda ctx: open_issue(ctx), "release.issue")],
))


def _open_slip(ctx, slip_id: int) -> None:
    from ui.release.printing import preview_slip
    preview_slip(ctx.window, slip_id)


register_opener("release_slip", _open_slip)
register_room_action(RoomAction("release.issue", "Release goods…", lambda page: open_issue(page.ctx, page.room_id),
                                permission="release.issue", order=40))
