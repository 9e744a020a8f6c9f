"""Money at the desk: cashier, receipts, deposits, arrears, daily close, rates."""
from __future__ import annotations

import datetime as dt

import peewee as pw

import models.money  # noqa: F401  (money permissions)
import models.money.preferences  # noqa: F401  (the cashier's settings, listed on the settings page)
from models.i18n import _
from ui.modules import (Module, Page, RoomAction, RoomTab, StartItem, register, register_opener, register_room_action,
                        register_room_tab)


def _start_items(ctx) -> list[StartItem]:
    from models.amounts import yuan
    from models.money.closing import not_handed_over, not_handed_over_by_clerk
    from models.money.ledger import Deposit, Receipt
    start = dt.datetime.combine(dt.date.today(), dt.time())
    today = Receipt.select(pw.fn.COALESCE(pw.fn.SUM(Receipt.total_fen), 0)).where(
        (Receipt.taken_at >= start) & Receipt.voided_at.is_null()).scalar()
    pending = not_handed_over().select(pw.fn.COALESCE(pw.fn.SUM(Receipt.total_fen), 0)).scalar()
    held = Deposit.select(pw.fn.COALESCE(pw.fn.SUM(Deposit.held_fen), 0)).scalar()
    return [StartItem(_("Taken today"), yuan(today), "receipts"),
            StartItem(_("Not yet handed to finance"), yuan(pending), "daily_close", warn=pending > 0, todo=True,
                      lines=tuple(f"{clerk} {yuan(fen)}" for clerk, fen in not_handed_over_by_clerk()) if pending else ()),
            StartItem(_("Deposits held"), yuan(held), "deposits")]


def _page(module_name: str, class_name: str):
    def make(ctx):
        import importlib
        return getattr(importlib.import_module(f"ui.money.{module_name}"), class_name)(ctx)
    return make


register(Module(
    key="money", title="Money", order=20,
    pages=[Page("cashier", "Cashier", _page("cashier_page", "CashierPage"), permission="money.take"),
           Page("receipts", "Receipts", _page("registers", "ReceiptsPage"), permission="money.view"),
           Page("deposits", "Deposits", _page("registers", "DepositsPage"), permission="money.view"),
           Page("arrears", "Arrears", _page("registers", "ArrearsPage"), permission="money.view"),
           Page("daily_close", "Daily close", _page("close_page", "ClosePage"), permission="money.view"),
           Page("rates", "Charge items and rates", _page("rates_page", "RatesPage"), permission="money.view")],
    start_items=_start_items,
    actions=[(_("Take a payment…"), lambda ctx: ctx.window.open_page("cashier"), "money.take")],
))



def _open_receipt(ctx, receipt_id: int) -> None:
    from ui.money.printing import preview_receipt
    preview_receipt(ctx.window, receipt_id)


def _open_refund(ctx, refund_id: int) -> None:
    from ui.money.printing import preview_refund
    preview_refund(ctx.window, refund_id)


register_opener("receipt", _open_receipt)
register_opener("refund", _open_refund)


def _account_tab(ctx):
    from ui.money.room_account import RoomAccountTab
    return RoomAccountTab(ctx)


def _take_payment(page) -> None:
    from ui.money.room_account import take_payment
    take_payment(page.ctx, page.room_id)


# On a room's page: its account, and the cashier opened on it.
register_room_tab(RoomTab("money.account", "Account", _account_tab, permission="money.view", order=20))
register_room_action(RoomAction("money.take", "Take a payment…", _take_payment, permission="money.take", order=15))
