"""The office's own fee rates, set at the first start before anything is charged.

A new database starts with the usual items and a suggested rate for each
(``rates.DEFAULT_ITEMS``). Until the first charge is raised the set-up may put
the office's own figures in their place; from then on a rate changes only from
a date on (``rates.set_rate``), so that no charged month is ever re-priced.
"""
from __future__ import annotations

from dataclasses import dataclass

from models import audit, settings
from models.db import write_tx
from models.errors import Conflict
from models.records.estate import use_label
from models.i18n import _
from models.amounts import format_rate, parse_rate
from models.money.ledger import Charge, ChargeItem, Rate
from models.money.rates import SINCE_EVER


@dataclass(frozen=True)
class StartingRate:
    code: str
    use: str
    label: str        # 物业管理费（住宅）
    unit: str         # 元/㎡·月
    amount: str       # the rate in force, as typed (2.50)


def starting_rates() -> list[StartingRate]:
    """Every item's first rate, as the set-up shows it."""
    rows = (Rate.select(Rate, ChargeItem).join(ChargeItem)
            .where((Rate.effective_from == SINCE_EVER) & (ChargeItem.active == True))  # noqa: E712
            .order_by(ChargeItem.sort_order, Rate.id))
    return [StartingRate(r.item.code, r.use, f"{r.item.name}（{use_label(r.use)}）" if r.use else r.item.name,
                         r.item.unit, format_rate(r.amount)) for r in rows]


def can_set_starting_rates() -> bool:
    return not Charge.select().exists()


def set_starting_rates(actor, amounts: dict[tuple[str, str], str]) -> int:
    """Put the office's own first rates in place of the suggested ones; returns how many changed.

    Refused once anything was charged: those months were raised at the old rates.
    """
    actor.require("money.rates")
    parsed = {key: parse_rate(text, field=f"{key[0]}:{key[1]}") for key, text in amounts.items()}
    changed = 0
    with write_tx():
        if not can_set_starting_rates():
            raise Conflict(_("Charges were already raised: change rates from a date on, on the rates page."))
        for (code, use), amount in parsed.items():
            rate = (Rate.select(Rate).join(ChargeItem)
                    .where((ChargeItem.code == code) & (Rate.use == use) & (Rate.effective_from == SINCE_EVER))
                    .first())
            if rate is None or rate.amount == amount:
                continue
            before = audit.snapshot(rate)
            Rate.update(amount=amount, created_by=actor.name).where(Rate.id == rate.id).execute()
            audit.record(actor, "rate.set", rate, summary=_("Starting rate set at the office's set-up"),
                         before=before, after=dict(before, amount=amount, created_by=actor.name))
            changed += 1
    return changed


def set_up_office(actor, office: dict[str, str], rates: dict[tuple[str, str], str] | None) -> None:
    """The first-start set-up in one transaction: the office's particulars and, if given, its rates."""
    with write_tx():
        settings.set_up_office(actor, office.get("office.name", ""), office.get("office.estate", ""),
                               office.get("office.address", ""), office.get("office.phone", ""))
        if rates:
            set_starting_rates(actor, rates)
