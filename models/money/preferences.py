"""The cashier's office settings, declared once in the settings registry (every PC sees them).

Imported by the money pages (ui/money/__init__.py), so the settings page lists them.
"""
from __future__ import annotations

from models import settings
from models.errors import InvalidInput
from models.i18n import _
from models.money.ledger import METHODS, PRINTED_METHODS

DEFAULT_METHOD = "money.default_method"
CASH = "cash"


def method_key(value) -> str | None:
    """A method as stored or typed (cash, 现金, Cash) → its key; None if it is not one."""
    text = str(value or "").strip()
    for key, label in METHODS.items():
        if text.lower() in (key, label.lower()) or text in (_(label), PRINTED_METHODS.get(key)):
            return key
    return None


def _a_method(value) -> None:
    if method_key(value) is None:
        raise InvalidInput(_("The default payment method must be one of: {choices}.").format(
            choices="、".join(PRINTED_METHODS.values())))


settings.declare(DEFAULT_METHOD, "Default payment method", str, CASH,
                 "The method the cashier starts on for every new payer (现金, 刷卡, 转账, 微信 or 支付宝); "
                 "the daily close counts the drawer by method.", _a_method, group="Cashier", choices=METHODS)


def default_method() -> str:
    """The method each new payer at the desk starts on (cash unless the office chose otherwise)."""
    return method_key(settings.get(DEFAULT_METHOD)) or CASH
