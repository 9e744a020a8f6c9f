"""Renovation at the desk (装修管理): the application, its page, the registers, the review queue, the daily
inspections, the rectification notices and the escalation reports."""
from __future__ import annotations

import importlib

import models.renovation  # noqa: F401  (renovation permissions, settings, serial kinds)
from models.i18n import _
from ui.modules import Module, Page, RoomAction, register, register_opener, register_room_action


def _page(module_name: str, class_name: str, **options):
    def make(ctx):
        return getattr(importlib.import_module(f"ui.renovation.{module_name}"), class_name)(ctx, **options)
    return make


def _start_items(ctx):
    from ui.renovation.start import start_items
    return start_items(ctx)


def open_apply(ctx, room_id: int | None = None) -> None:
    """The application form, on a room (from its page) or empty (from the start page: find the room first)."""
    page = ctx.window.open_page("renovation_apply")
    if page is not None and room_id is not None:
        page.show_room(room_id)


def open_renovation(ctx, renovation_id: int, *, just_taken: bool = False) -> None:
    """A renovation's own page; 返回 (Alt+Left) goes back to where it was opened from."""
    page = ctx.window.open_page("renovation", come_back=True)
    if page is not None:
        page.show_renovation(renovation_id, just_taken=just_taken)


def _open_notice(ctx, notice_id: int) -> None:
    """A rectification notice from the room's timeline: its printed notice."""
    from ui.renovation.notice_dialog import print_notice
    print_notice(ctx, ctx.window, notice_id)


register(Module(
    key="renovation", title="Renovation", order=40,
    pages=[Page("renovation_apply", "New renovation application", _page("apply_page", "ApplyPage"),
                permission="renovation.apply"),
           Page("renovations", "Renovations", _page("registers", "RenovationsPage"), permission="renovation.view"),
           Page("renovation_review", "Waiting for review", _page("review_page", "ReviewPage"),
                permission="renovation.view"),
           Page("renovation_follow_up", "My follow-up", _page("review_page", "ReviewPage", mode="follow_up"),
                permission="renovation.apply"),
           Page("inspections", "Today's inspections", _page("inspect_page", "InspectionsPage"),
                permission="renovation.inspect"),
           Page("notices", "Rectification notices", _page("notices_page", "NoticesPage"),
                permission="renovation.view"),
           Page("escalations", "Escalation reports", _page("escalation_page", "EscalationsPage"),
                permission="renovation.escalate"),
           Page("renovation", "Renovation", _page("record_page", "RenovationPage"), permission="renovation.view",
                in_nav=False)],
    start_items=_start_items,
    actions=[(_("Renovation application…"), lambda ctx: open_apply(ctx), "renovation.apply")],
))

register_opener("renovation", lambda ctx, renovation_id: open_renovation(ctx, renovation_id))
register_opener("rectification_notice", _open_notice)
register_room_action(RoomAction("renovation.apply", "Renovation application…",
                                lambda page: open_apply(page.ctx, page.room_id), permission="renovation.apply",
                                order=50))
