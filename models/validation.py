"""Checks and normalisation of what clerks type: pure functions, no database.

Every failure raises ``InvalidInput`` whose message says what is wrong and,
where it helps, what would be right.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from models.errors import InvalidInput
from models.i18n import _, label_table

# --- text -----------------------------------------------------------------------


def clean(text) -> str:
    """Full-width to half-width (NFKC), trimmed, inner runs of space folded."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFKC", str(text))
    return re.sub(r"\s+", " ", text).strip()


def clean_text(text) -> str:
    """Free text (notes, employers, purposes): trimmed, runs of space folded, nothing else.

    Unlike ``clean`` it keeps Chinese punctuation (，；：（）) as typed: NFKC would
    turn it into ASCII and silently change what the clerk wrote.
    """
    if text is None:
        return ""
    return re.sub(r"[ \t\r\n\u3000]+", " ", str(text)).strip()


# Control characters (NUL, escapes...) never belong in what a clerk types; a lone surrogate
# (half of an emoji pasted from a broken source) cannot even be encoded to store or search.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# Characters that print as nothing (zero-width spaces, a byte-order mark, a soft hyphen: pasted from a
# chat or a web page with the text): the clerk cannot see them to take them out, so they are dropped,
# which changes nothing anyone reads. Those that turn the text around (the right-to-left override) are
# refused: a payer reversed by them is not what the receipt shows.
_DROPPED = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")
_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069]")
TEXT_MAX = 200          # a line of free text on a form: payer, purpose, reason, note
SEARCH_MAX = 100        # nobody types more into a search box


def text(value, field: str = "text", *, max_len: int = TEXT_MAX, required: bool = False,
         what: str = "The text") -> str:
    """One line of free text, checked once: no control characters, at most ``max_len``.

    Refused rather than cut: a silently shortened payer or reason would be a
    changed record. ``what`` names the field in the clerk's sentence.
    """
    if value is None:
        value = ""
    if not isinstance(value, str):
        value = str(value)
    value = _DROPPED.sub("", value)
    if _CONTROL.search(value.replace("\t", " ").replace("\n", " ").replace("\r", " ")) or _INVISIBLE.search(value):
        raise InvalidInput(_("{what} contains invisible control characters; type it again.").format(what=_(what)),
                           field=field)
    cleaned = clean_text(value)
    if required and not cleaned:
        raise InvalidInput(_("{what} is empty.").format(what=_(what)), field=field)
    if len(cleaned) > max_len:
        raise InvalidInput(_("{what} is longer than {n} characters.").format(what=_(what), n=max_len), field=field)
    return cleaned


def search_text(value, max_len: int = SEARCH_MAX) -> str:
    """What a search box or a list filter is given: never an error, never a wildcard.

    Control characters and lone surrogates are dropped (a NUL must not match
    everything), and the text is cut to what anybody would type.
    """
    if value is None:
        return ""
    return _DROPPED.sub("", _INVISIBLE.sub("", _CONTROL.sub("", str(value))))[:max_len]


def shown(value) -> str:
    """What the clerk typed, as an error message repeats it: 空 for nothing typed."""
    return value if value else _("(empty)")


def compact(text) -> str:
    """``clean`` with every space removed: for numbers, codes, phones."""
    return clean(text).replace(" ", "")


def person_name(value, field: str = "name") -> str:
    name = text(value, field, max_len=50, what="The name")
    if not name:
        raise InvalidInput(_("The name is empty."), field=field)
    if any(ch.isdigit() for ch in name):
        raise InvalidInput(_("A name has no digits in it: {name}").format(name=name), field=field)
    return name


# --- ID documents ---------------------------------------------------------------

ID_MAINLAND = "mainland_id"
ID_TYPES = label_table("records.id_types", {
    ID_MAINLAND: "Resident ID card",
    "passport": "Passport",
    "hk_macau": "Mainland travel permit for HK/Macau residents",
    "taiwan": "Mainland travel permit for Taiwan residents",
    "foreign_pr": "Foreign permanent residence ID",
    "other": "Other document",
})

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_check_digit(first17: str) -> str:
    """GB 11643-1999: weighted sum mod 11 of the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


def mainland_id_birth_date(number: str) -> dt.date:
    return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def mainland_id(text, today: dt.date | None = None, field: str = "id_number") -> str:
    """An 18-character resident ID number with a valid birth date and check digit."""
    number = compact(text).upper()
    if not number:
        raise InvalidInput(_("The ID number is empty."), field=field)
    if len(number) == 15 and number.isdigit():
        raise InvalidInput(_("This is an old 15-digit ID number; enter the 18-digit number on the current card."),
                           field=field)
    if len(number) != 18:
        raise InvalidInput(_("A resident ID number has 18 characters; this one has {n}.").format(n=len(number)),
                           field=field)
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise InvalidInput(_("A resident ID number is 17 digits and a final digit or X."), field=field)
    if number[0] not in "12345678":
        raise InvalidInput(_("The ID number's region code {code} does not exist.").format(code=number[:6]),
                           field=field)
    try:
        born = mainland_id_birth_date(number)
    except ValueError:
        raise InvalidInput(_("The birth date in the ID number ({date}) is not a real date.").format(
            date=number[6:14]), field=field)
    today = today or dt.date.today()
    if born > today or born.year < 1900:
        raise InvalidInput(_("The birth date in the ID number ({date}) is impossible.").format(
            date=born.isoformat()), field=field)
    expected = id_check_digit(number[:17])
    if number[17] != expected:
        raise InvalidInput(_("The ID number's check digit is wrong (last character should be {expected}); "
                             "check the number against the card.").format(expected=expected), field=field)
    return number


def id_document(id_type: str, text, field: str = "id_number") -> str:
    """Validate an ID number for its document type; empty stays empty."""
    if id_type not in ID_TYPES:
        raise InvalidInput(_("Unknown document type: {type}").format(type=id_type), field="id_type")
    if not compact(text):
        return ""
    if id_type == ID_MAINLAND:
        return mainland_id(text, field=field)
    number = compact(text).upper()
    if not re.fullmatch(r"[A-Z0-9()\-]{5,30}", number):
        raise InvalidInput(_("A document number has 5 to 30 letters or digits: {number}").format(number=number),
                           field=field)
    return number


def gender_from_id(number: str) -> str:
    """The 17th digit of a resident ID number is odd for men, even for women."""
    return "M" if int(number[16]) % 2 else "F"


def mask_id(number: str | None) -> str:
    if not number:
        return ""
    if len(number) <= 8:
        return number[:2] + "*" * (len(number) - 2)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


# --- phones ---------------------------------------------------------------------

_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0\d{2,3}-?[2-9]\d{6,7}(-\d{1,5})?")


def phone(text, field: str = "phone") -> str:
    """A mobile (11 digits from 13x-19x) or a landline with its area code.

    Normalised: mobiles as 13812345678, landlines as 0755-88886666.
    """
    raw = compact(text).replace("—", "-").replace("－", "-")
    if not raw:
        raise InvalidInput(_("The phone number is empty."), field=field)
    number = re.sub(r"[()\s]", "", raw)
    if number.startswith("+86"):
        number = number[3:].lstrip("-")
    elif number.startswith("0086"):
        number = number[4:].lstrip("-")
    digits_only = number.replace("-", "")
    if _MOBILE.fullmatch(digits_only):
        return digits_only
    if _LANDLINE.fullmatch(number):
        if "-" not in number:
            area = 3 if number[1] in "12" else 4
            number = number[:area] + "-" + number[area:]
        return number
    raise InvalidInput(_("{number} is not a phone number: a mobile has 11 digits starting 13-19; "
                         "a landline needs its area code, e.g. 0755-88886666.").format(number=raw), field=field)


def mask_phone(number: str | None) -> str:
    if not number:
        return ""
    digits = number.replace("-", "")
    if len(digits) == 11 and digits.startswith("1"):
        return digits[:3] + "****" + digits[-4:]
    return number[:-4].rstrip("-")[:-2] + "**" + number[-4:] if len(number) > 6 else number


# --- estate ---------------------------------------------------------------------

MAX_AREA_DM2 = 10000 * 100  # 10,000 m²: more than any one room


def area_dm2(value, field: str = "area") -> int:
    """Gross area in m² (up to 2 decimals) to integer dm² (1 dm² = 0.01 m²)."""
    text = compact(value).replace("㎡", "").replace("m²", "").replace("m2", "").replace("平方米", "")
    if text == "":
        raise InvalidInput(_("The area is empty."), field=field)
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise InvalidInput(_("The area {value} is not a number.").format(value=text), field=field)
    if not amount.is_finite() or "_" in text:
        raise InvalidInput(_("The area {value} is not a number.").format(value=text[:20]), field=field)
    if amount.adjusted() > 6:       # 1e30 m²: not a room (and too big to round)
        raise InvalidInput(_("An area of {value} m² is not plausible for one room.").format(value=text[:20]),
                           field=field)
    if amount <= 0:
        raise InvalidInput(_("The area must be more than 0 m²."), field=field)
    if amount != amount.quantize(Decimal("0.01")):
        raise InvalidInput(_("The area has at most 2 decimals (0.01 m²)."), field=field)
    dm2 = int(amount * 100)
    if dm2 > MAX_AREA_DM2:
        raise InvalidInput(_("An area of {value} m² is not plausible for one room.").format(value=text),
                           field=field)
    return dm2


def format_area(dm2: int | None) -> str:
    if dm2 is None:
        return ""
    return f"{dm2 // 100}.{dm2 % 100:02d}"


_CODE_PART = r"[0-9A-Za-z]{1,6}"
_ROOM_PATTERNS = [
    # 3-2-1201, 3-1201, A-2-1201
    re.compile(rf"^(?P<b>{_CODE_PART})-(?:(?P<e>{_CODE_PART})-)?(?P<r>{_CODE_PART})$"),
    # 3栋2单元1201室, 3幢2单元1201, 3号楼2单元1201, A座1201
    re.compile(rf"^(?P<b>{_CODE_PART})(?:号楼|栋|幢|座|号)(?:(?P<e>{_CODE_PART})(?:单元|门|梯))?"
               rf"(?P<r>{_CODE_PART})(?:室|房|号)?$"),
]


def parse_room_code(text) -> tuple[str, str, str] | None:
    """``3-2-1201`` or ``3栋2单元1201`` to ("3", "2", "1201"); entrance "" if none."""
    t = compact(text).replace("—", "-").replace("_", "-")
    for pattern in _ROOM_PATTERNS:
        m = pattern.match(t)
        if m:
            return m.group("b").upper(), (m.group("e") or "").upper(), m.group("r").upper()
    return None


def room_code(building: str, entrance: str, number: str) -> str:
    return "-".join(p for p in (building, entrance, number) if p)


def code_part(value, what: str, field: str) -> str:
    text = compact(value).upper()
    for suffix in ("号楼", "栋", "幢", "座", "单元", "室"):
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
    if not re.fullmatch(_CODE_PART, text):
        raise InvalidInput(_("{what} {value} should be 1 to 6 letters or digits.").format(
            what=_(what), value=shown(text)), field=field)
    return text


def floor_of(number: str) -> int | None:
    """1201 → 12, 502 → 5; None when the number does not carry a floor."""
    digits = re.match(r"\d+", number)
    if not digits or len(digits.group()) < 3:
        return None
    return int(digits.group()[:-2])


# --- vehicles -------------------------------------------------------------------

_PLATE = re.compile(r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领][A-Z][A-Z0-9]{4,6}[挂学警港澳]?")


def plate(text, field: str = "plate") -> str:
    value = compact(text).upper().replace("·", "").replace("-", "")
    if not _PLATE.fullmatch(value):
        raise InvalidInput(_("{plate} is not a licence plate (e.g. 粤B12345).").format(plate=shown(value)),
                           field=field)
    return value


# --- dates ----------------------------------------------------------------------


def integer(value, field: str, *, low: int, high: int, what: str) -> int:
    """A whole number typed or passed in: ``3``, ``"３"``; never ``True``, ``2.5`` or ``"2.5"``."""
    if isinstance(value, bool):
        raise InvalidInput(_("{what} must be a whole number.").format(what=_(what)), field=field)
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        raw = compact(value)
        if not re.fullmatch(r"[+-]?\d{1,18}", raw):
            raise InvalidInput(_("{what} must be a whole number, not {value}.").format(
                what=_(what), value=shown(raw[:20])), field=field)
        number = int(raw)
    if not low <= number <= high:
        raise InvalidInput(_("{what} must be from {low} to {high}.").format(what=_(what), low=low, high=high),
                           field=field)
    return number


def quantity(value, field: str = "quantity", high: int = 200) -> int:
    """How many (passes, keys, items): a whole number from 1."""
    return integer(value, field, low=1, high=high, what="The quantity")


def year(value, field: str = "year") -> int:
    """A calendar year the office could have records in."""
    return integer(value, field, low=1990, high=2100, what="The year")


def month(value, field: str = "month") -> dt.date:
    """``2026-11``, ``2026/11``, ``2026年11月``, ``202611`` or a date → the first of that month."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.replace(day=1)
    raw = compact(value)
    m = re.fullmatch(r"(\d{4})(?:[-/.年](\d{1,2})月?|(\d{2}))", raw)
    if m:
        y, mo = int(m.group(1)), int(m.group(2) or m.group(3))
        if 1990 <= y <= 2100 and 1 <= mo <= 12:
            return dt.date(y, mo, 1)
    raise InvalidInput(_("{value} is not a month (e.g. 2026-11).").format(value=shown(raw[:20])), field=field)


_SERIAL = re.compile(r"(?:NO\.?)?([A-Z]{0,4})(\d{4})-(\d{1,9})")


def serial(value, prefix: str = "", field: str = "serial", example: str = "2026-000123") -> tuple[int, int]:
    """A printed serial number (``2026-000123``, ``No. 2026-123``, ``TK2026-000045``) → (year, number).

    ``prefix`` is the letters the kind prints before the year ("" for receipts,
    "TK" for refunds); a serial of another kind or an impossible one is refused.
    """
    raw = compact(value).upper().replace(" ", "")
    m = _SERIAL.fullmatch(raw[:40])
    if not m or m.group(1) != prefix.upper() or not 1990 <= int(m.group(2)) <= 2100:
        raise InvalidInput(_("{value} is not a number of this kind (e.g. {example}).").format(
            value=shown(raw[:40]), example=example), field=field)
    return int(m.group(2)), int(m.group(3))


def parse_date(value, field: str = "date") -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = compact(value)
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d日"):
        try:
            day = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if not 1900 <= day.year <= 2100:     # 9999-12-31 is a typing slip, and overflows date sums
            break
        return day
    raise InvalidInput(_("{value} is not a date (e.g. 2026-11-24).").format(value=shown(text[:20])), field=field)


def parse_moment(value, field: str = "at") -> dt.datetime:
    """A moment as a clerk types it: ``2026-11-29 10:05``, ``2026/11/29 10:05``, or ``10:05`` (today)."""
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0)
    text = " ".join(clean(value).split())
    for fmt in ("%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M", "%Y-%m-%d %H:%M:%S", "%H:%M"):
        try:
            moment = dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
        return dt.datetime.combine(dt.date.today(), moment.time()) if fmt == "%H:%M" else moment
    raise InvalidInput(_("{value} is not a time (e.g. 2026-11-29 10:05, or 10:05 today).").format(
        value=shown(text[:20])), field=field)


def format_date_cn(value: dt.date | None) -> str:
    """2026年11月24日, as printed on forms."""
    if not value:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


def label_key(text, table: dict[str, str], what: str, field: str = "", *, aliases: dict[str, str] | None = None) -> str:
    """A key of a label table (a room's state, a payment method…), typed as the key, its English
    label or its Chinese label (or one of ``aliases``); anything else is refused, naming the choices."""
    value = clean(text).strip()
    if aliases and value in aliases:
        return aliases[value]
    for key, label in table.items():
        if value.lower() == key.lower() or value in (label, _(label)):
            return key
    raise InvalidInput(_("{what} {value} is not one of: {choices}").format(
        what=_(what), value=shown(value), choices="、".join(_(label) for label in table.values())), field=field)


def choice(table: dict[str, str], what: str, field: str = ""):
    """A parser of typed text into a key of ``table`` (a list's filter values, ``ListSpec.filter_values``)."""
    return lambda text: label_key(text, table, what, field)


_YES = ("1", "yes", "y", "true", "是")
_NO = ("0", "no", "n", "false", "否")


def yes_no(what: str):
    """A parser of a value typed as yes or no (1/0, yes/no, true/false, 是/否)."""
    def parse(text) -> bool:
        value = clean(text).strip().lower()
        if value in _YES or value in _NO:
            return value in _YES
        raise InvalidInput(_("{what} is yes or no (1 or 0, 是 or 否), not {value}.").format(
            what=_(what), value=shown(value)))
    return parse
