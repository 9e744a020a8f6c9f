"""Money in integer fen (分): parsing what clerks type, printing it, and 大写 (every part uses it).

Never float: amounts are ints of fen; a rate is an int of 1/10,000 yuan so that
area (dm²) × rate rounds once, half up, to the fen.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from models import validation as v
from models.errors import InvalidInput
from models.i18n import _

MAX_FEN = 10_000_000 * 100   # ¥10,000,000: more than any one desk transaction
RATE_SCALE = 10_000          # rates are stored in 1/10,000 yuan


def parse_yuan(text, field: str = "amount", allow_zero: bool = False) -> int:
    """``1,500.5`` / ``¥1500.50`` / ``１５００`` → 150050 fen; at most 2 decimals."""
    raw = v.compact(text).replace(",", "").replace("¥", "").replace("￥", "").replace("元", "")
    if raw == "":
        raise InvalidInput(_("The amount is empty."), field=field)
    if len(raw) > 16:   # ¥10,000,000.00 has 11; a longer number is a slip of the keyboard
        raise InvalidInput(_("¥{value} is not a plausible amount for the desk.").format(value=raw[:20] + "…"),
                           field=field)
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        raise InvalidInput(_("The amount {value} is not a number.").format(value=raw), field=field)
    if "_" in raw:                       # Decimal reads 1_000 as 1000; nobody writes money so
        raise InvalidInput(_("The amount {value} is not a number.").format(value=raw), field=field)
    if not amount.is_finite():
        raise InvalidInput(_("The amount {value} is not a number.").format(value=raw), field=field)
    if abs(amount.adjusted()) > 12:     # 1e400 or 1e-40: written in a way no desk writes money
        raise InvalidInput(_("¥{value} is not a plausible amount for the desk.").format(value=raw), field=field)
    if amount != amount.quantize(Decimal("0.01")):
        raise InvalidInput(_("An amount has at most 2 decimals (fen)."), field=field)
    fen = int(amount * 100)
    if fen < 0 or (fen == 0 and not allow_zero):
        raise InvalidInput(_("The amount must be more than zero."), field=field)
    if fen > MAX_FEN:
        raise InvalidInput(_("¥{value} is not a plausible amount for the desk.").format(value=raw), field=field)
    return fen


def fen_amount(value, field: str = "amount", allow_zero: bool = False) -> int:
    """An amount given to an operation: int fen from code, text in yuan from a clerk, or nothing.

    The one gate for both paths, so the ceiling and the sign hold whoever calls:
    ``True`` is not one fen, 2**63 is not a payment, ``1.5`` (a float) is refused.
    """
    if isinstance(value, bool) or isinstance(value, float):
        raise InvalidInput(_("The amount must be given in yuan as text or in whole fen."), field=field)
    if value is None or value == "":
        if allow_zero:
            return 0
        raise InvalidInput(_("The amount is empty."), field=field)
    if isinstance(value, int):
        if value < 0 or (value == 0 and not allow_zero):
            raise InvalidInput(_("The amount must be more than zero."), field=field)
        if value > MAX_FEN:
            raise InvalidInput(_("¥{value} is not a plausible amount for the desk.").format(value=yuan(value)[1:]),
                               field=field)
        return value
    return parse_yuan(value, field=field, allow_zero=allow_zero)


def parse_rate(text, field: str = "rate") -> int:
    """A rate in yuan with up to 4 decimals (e.g. 2.375 元/m²/月) → int of 1/10,000 yuan."""
    raw = v.compact(text).replace("¥", "").replace("￥", "").replace("元", "")
    try:
        rate = Decimal(raw)
    except InvalidOperation:
        raise InvalidInput(_("The rate {value} is not a number.").format(value=v.shown(raw[:20])), field=field)
    if "_" in raw or not rate.is_finite():
        raise InvalidInput(_("The rate {value} is not a number.").format(value=raw[:20]), field=field)
    if rate.adjusted() > 6:
        raise InvalidInput(_("A rate of {value} is not plausible.").format(value=raw[:20]), field=field)
    if rate < 0:
        raise InvalidInput(_("The rate must be zero or more."), field=field)
    if rate != rate.quantize(Decimal("0.0001")):
        raise InvalidInput(_("A rate has at most 4 decimals."), field=field)
    if rate > 100_000:
        raise InvalidInput(_("A rate of {value} is not plausible.").format(value=raw), field=field)
    return int(rate * RATE_SCALE)


def format_rate(rate: int) -> str:
    text = f"{Decimal(rate) / RATE_SCALE:.4f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def area_fee(area_dm2: int, rate: int) -> int:
    """Monthly fee in fen for an area (dm²) at a rate (1/10,000 yuan per m²), rounded half up.

    dm² × (yuan/10⁴ per m²) = yuan × 10⁻⁶ = fen × 10⁻⁴.
    """
    return int((Decimal(area_dm2) * Decimal(rate) / Decimal(10_000)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def unit_fee(rate: int, quantity: int = 1) -> int:
    """A fixed fee per unit (a space, a pass) in fen."""
    return int((Decimal(rate) * quantity / Decimal(100)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def yuan(fen: int | None, symbol: bool = True) -> str:
    """¥1,500.00 (``symbol=False``: 1,500.00, as a list's money column shows it). The one money formatter."""
    if fen is None:
        return ""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{'¥' if symbol else ''}{fen // 100:,}.{fen % 100:02d}"


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL = ("", "拾", "佰", "仟")
_GROUPS = ("", "万", "亿", "万亿")


def _group(n: int) -> str:
    """0..9999 in capitals, with 零 for inner gaps (leading/trailing handled by the caller)."""
    out, zero = "", False
    for pos in range(3, -1, -1):
        d = n // 10 ** pos % 10
        if d == 0:
            zero = bool(out)
        else:
            if zero:
                out += "零"
                zero = False
            out += _DIGITS[d] + _SMALL[pos]
    return out


def capital(fen: int) -> str:
    """人民币大写 as banks write it: 壹仟伍佰元整, 壹拾元零伍角, 壹万零壹元伍角陆分, 零元整."""
    if fen < 0:
        return "负" + capital(-fen)
    yuan_part, jiao, fen_digit = fen // 100, fen // 10 % 10, fen % 10
    text = ""
    if yuan_part:
        groups = []
        n = yuan_part
        while n:
            groups.append(n % 10000)
            n //= 10000
        need_zero = False
        for i in range(len(groups) - 1, -1, -1):
            g = groups[i]
            if g == 0:
                need_zero = bool(text)
                continue
            if text and (need_zero or g < 1000):
                text += "零"
            text += _group(g) + _GROUPS[i]
            need_zero = False
        text += "元"
    if not jiao and not fen_digit:
        return (text or "零元") + "整"
    if jiao:
        if text and yuan_part % 10 == 0:
            text += "零"
        text += _DIGITS[jiao] + "角"
    elif text:
        text += "零"
    if fen_digit:
        text += _DIGITS[fen_digit] + "分"
    # After 角 no 整 is written (支付结算办法: 整 follows 元, may be left off after 角, never after 分).
    return text
