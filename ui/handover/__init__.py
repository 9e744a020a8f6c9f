"""Handover and keys at the desk (交房, 钥匙管理, 空置房): the day's appointments, the handover itself, the
handovers done and their defects, the key cabinet with its loans, and the vacant rooms' inspections."""
from __future__ import annotations

import importlib

import models.handover  # noqa: F401  (handover permissions, settings, serial kinds)
from models.i18n import _
from ui.modules import Module, Page, RoomAction, register, register_opener, register_room_action


def _page(module_name: str, class_name: str, **options):
    def make(ctx):
        return getattr(importlib.import_module(f"ui.handover.{module_name}"), class_name)(ctx, **options)
    return make


def _call(module_name: str, function: str):
    """``function`` of ``ui.handover.<module_name>``, imported when first called (the window starts quick)."""
    def run(*args, **kwargs):
        return getattr(importlib.import_module(f"ui.handover.{module_name}"), function)(*args, **kwargs)
    return run


def _start_items(ctx):
    from ui.handover.start import start_items
    return start_items(ctx)


def open_handover_of(ctx, room_id: int | None = None, appointment_id: int | None = None) -> None:
    """The handover form (办理交房), on a room (its page, an appointment) or empty (find the room first)."""
    page = ctx.window.open_page("handover_do", come_back=room_id is not None)
    if page is None:
        return
    if appointment_id is not None:
        page.show_appointment(appointment_id)
    elif room_id is not None:
        page.show_room(room_id)


register(Module(
    key="handover", title="Handover and keys", order=45,
    pages=[Page("handover_appointments", "Handover appointments",
                _page("appointments_page", "AppointmentsPage"), permission="handover.view"),
           Page("handover_do", "Hand over a room", _page("handover_page", "HandoverPage"), permission="handover.do"),
           Page("handovers", "Handovers", _page("registers", "HandoversPage"), permission="handover.view"),
           Page("defects", "Handover defects", _page("defects_page", "DefectsPage"), permission="handover.view"),
           Page("key_cabinet", "Key cabinet", _page("cabinet_page", "CabinetPage"), permission="keys.view"),
           Page("key_loans", "Key loans", _page("loans_page", "LoansPage"), permission="keys.view"),
           Page("vacant_rooms", "Vacant rooms", _page("vacant_page", "VacantPage"), permission="handover.view")],
    start_items=_start_items,
    actions=[(_("Lend or take back a key…"), lambda ctx: ctx.window.open_page("key_cabinet"), "keys.lend"),
             (_("Hand over a room…"), lambda ctx: open_handover_of(ctx), "handover.do")],
))

register_opener("handover", _call("registers", "open_handover"))
register_opener("handover_defect", _call("defects_page", "open_defect"))
register_opener("cabinet_key", _call("cabinet_page", "open_key"))
register_opener("key_loan", _call("loans_page", "open_loan"))
register_opener("vacant_inspection", _call("vacant_page", "open_inspection"))


def _is(state: str):
    def applies(page) -> bool:
        return getattr(page.room, "state", None) == state
    return applies


register_room_action(RoomAction("handover.do", "Hand over…", lambda page: open_handover_of(page.ctx, page.room_id),
                                permission="handover.do", order=20, applies=_is("vacant")))
register_room_action(RoomAction("handover.book", "Book a handover…",
                                lambda page: _call("appointments_page", "book_for_room")(page.ctx, page.room_id),
                                permission="handover.do", order=21, applies=_is("vacant")))
register_room_action(RoomAction("vacant.inspect", "Inspect vacant room…",
                                lambda page: _call("vacant_page", "inspect_room")(page.ctx, page.room_id),
                                permission="vacant.inspect", order=22, applies=_is("vacant")))
register_room_action(RoomAction("keys.add", "Put a key in the cabinet…",
                                lambda page: _call("key_dialog", "add_key_for_room")(page.ctx, page.room_id),
                                permission="keys.manage", order=60))
