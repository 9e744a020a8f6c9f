"""The demo's renovation papers and people (演示数据: 施工单位、施工人员、证照): the contractors an office
sees again and again, their crews with valid ID numbers and one-inch photos, and the papers an
application brings (营业执照, 资质证书, 施工平面图, 业主委托书), all generated small.

Everything here is made once per demo and reused: a contractor's licence is the same scan on each of
its applications, a worker keeps one photo on every renovation he works on. The files are kept as
``attachments.prepare`` keeps a clerk's (its mime, size, fingerprint and thumbnail), the photos made
already at the size a one-inch photo is kept (120×160 JPEG, its own thumbnail).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import random
from dataclasses import dataclass, field

from models.records import demo_data as dd

# Contractors seen at a Shenzhen estate's desk (invented names): (name, licence region, individual business).
CONTRACTORS = (
    ("深圳市鹏城装饰工程有限公司", "440304", False), ("深圳市宏图建筑装饰设计工程有限公司", "440305", False),
    ("深圳市美家居装饰设计工程有限公司", "440306", False), ("深圳市金匠装饰工程有限公司", "440307", False),
    ("深圳市新雅居建筑装饰工程有限公司", "440303", False), ("深圳市优品家装饰设计工程有限公司", "440309", False),
    ("深圳市南粤建设装饰工程有限公司", "440300", False), ("深圳市德润装饰工程有限公司", "440304", False),
    ("深圳市盛世华庭装饰设计有限公司", "440305", False), ("深圳市铭筑装饰工程有限公司", "440306", False),
    ("深圳市锦程装饰工程有限公司", "440307", False), ("深圳市恒艺装饰设计工程有限公司", "440303", False),
    ("深圳市万家福装饰工程有限公司", "440310", False), ("深圳市筑梦家装饰设计有限公司", "440309", False),
    ("深圳市佳和装饰工程有限公司", "440308", False), ("深圳市华艺达建筑装饰有限公司", "440300", False),
    ("深圳市立方空间装饰设计有限公司", "440305", False), ("深圳市安家乐装饰工程有限公司", "440306", False),
    ("深圳市百合佳缘装饰工程有限公司", "440304", False), ("深圳市广厦装饰工程有限公司", "440307", False),
    ("东莞市东城名匠装饰工程有限公司", "441900", False), ("广州市天河区雅筑装饰工程有限公司", "440106", False),
    ("惠州市惠城区新居装饰工程有限公司", "441302", False), ("佛山市顺德区匠心装饰工程有限公司", "440606", False),
    ("中山市居然装饰设计工程有限公司", "442000", False), ("深圳市绿洲环保装饰工程有限公司", "440306", False),
    ("深圳市品匠全屋定制有限公司", "440307", False), ("深圳市速美装饰工程有限公司", "440309", False),
    ("深圳市福田区安心水电安装部", "440304", True), ("深圳市宝安区诚信防水补漏工程部", "440306", True),
    ("深圳市龙岗区巧匠装修队", "440307", True), ("深圳市南山区明亮门窗安装部", "440305", True),
    ("深圳市龙华区美缝瓷砖铺贴部", "440309", True), ("深圳市罗湖区家家乐空调安装部", "440303", True),
)
WORKER_REGIONS = ("430421", "430102", "431002", "430602", "431102", "360721", "360102", "450103", "450102",
                  "510104", "500103", "445202", "441402", "440882", "441302", "420106", "410105", "350583")
# 统一社会信用代码 (GB 32100-2015): 31 characters, no I, O, S, V, Z.
_USCC = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
PHOTO_SIZE = (120, 160)
PHOTO_BACKS = ((67, 142, 219), (255, 255, 255), (60, 120, 200), (214, 40, 40))
SKINS = ((235, 200, 170), (225, 185, 150), (210, 170, 135), (196, 150, 115))
SHIRTS = ((40, 40, 45), (240, 240, 240), (30, 60, 120), (90, 90, 95), (120, 30, 30), (50, 90, 60), (200, 160, 60))
HAIRS = ((20, 20, 20), (35, 28, 22), (55, 45, 35), (70, 70, 70))


def _org_code(rng: random.Random) -> str:
    """组织机构代码 (GB 11714): eight characters and their check character; new ones begin MA."""
    body = "MA" + "".join(rng.choice(_USCC) for _i in range(6))
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body, _ORG_WEIGHTS))
    check = 11 - total % 11
    return body + ("X" if check == 10 else "0" if check == 11 else str(check))


def licence_number(rng: random.Random, region: str, individual: bool, used: set[str]) -> str:
    """An 18-character 统一社会信用代码 with its check character: 91 a company, 92 an individual business."""
    while True:
        first17 = ("92" if individual else "91") + region + _org_code(rng)
        total = sum(_USCC.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS))
        number = first17 + _USCC[(31 - total % 31) % 31]
        if number not in used:
            used.add(number)
            return number


@dataclass(slots=True)
class Hand:
    """A worker as the office knows him: the same person on each renovation he works on."""
    name: str
    gender: str
    id_number: str
    phone: str
    photo: int | None            # index into the photo pool; None: no photo brought


@dataclass(slots=True)
class Firm:
    index: int
    name: str
    licence: str
    qualification: str
    person: str
    phone: str
    individual: bool
    founded: dt.date
    crew: list[Hand] = field(default_factory=list)
    id: int = 0
    first_seen: dt.datetime | None = None
    first_by: str = ""


class People:
    """The contractors and their crews, made on demand from the demo's random stream."""

    def __init__(self, rng: random.Random, today: dt.date, count: int, used_ids: set[str]):
        self.rng, self.today, self.used_ids = rng, today, used_ids
        licences: set[str] = set()
        chosen = list(CONTRACTORS[:max(1, min(count, len(CONTRACTORS)))])
        self.firms = [self._firm(i, name, region, individual, licences)
                      for i, (name, region, individual) in enumerate(chosen)]
        # A few firms get most of the work (word of mouth), the rest now and then.
        self.weights = [max(1, 12 - i // 3) if not f.individual else 3 for i, f in enumerate(self.firms)]
        self.photos = photo_pool(rng, 48)

    def _firm(self, i: int, name: str, region: str, individual: bool, licences: set[str]) -> Firm:
        rng = self.rng
        person = dd.surname(rng) + dd.given_name(rng, "M" if rng.random() < 0.85 else "F", dt.date(1978, 1, 1))
        phone = dd.mobile(rng) if individual or rng.random() < 0.6 else dd.landline(rng)
        qualification = "" if individual else f"D2{region[:2]}{rng.randrange(10 ** 6):06d}"
        founded = self.today - dt.timedelta(days=rng.randint(3 * 365, 18 * 365))
        return Firm(i, name, licence_number(rng, region, individual, licences), qualification, person, phone,
                    individual, founded)

    def pick_firm(self) -> Firm:
        return self.rng.choices(self.firms, self.weights)[0]

    def crew(self, firm: Firm, count: int) -> list[Hand]:
        """``count`` of the firm's workers: its crew grows as its jobs need more hands."""
        rng = self.rng
        while len(firm.crew) < max(count, 4) or (len(firm.crew) < 30 and rng.random() < 0.15):
            firm.crew.append(self._hand())
        return rng.sample(firm.crew, count)

    def _hand(self) -> Hand:
        rng = self.rng
        gender = "M" if rng.random() < 0.9 else "F"
        born = dd.birth_date(rng, self.today, 20, 58)
        number = dd.mainland_id(rng, rng.choice(WORKER_REGIONS), born, gender, self.used_ids)
        photo = rng.randrange(len(self.photos)) if rng.random() < 0.85 else None
        if photo is not None and (photo % 6 == 5) != (gender == "F"):      # the pool's sixth are women's photos
            photo = (photo // 6) * 6 + (5 if gender == "F" else rng.randrange(5))
        return Hand(dd.surname(rng) + dd.given_name(rng, gender, born), gender, number, dd.mobile(rng), photo)


# --- the files -----------------------------------------------------------------------------------


def photo_pool(rng: random.Random, count: int) -> list[bytes]:
    """One-inch photos (一寸照片): a head and shoulders on a blue, white or red ground; every sixth a woman's."""
    return [_photo(rng, female=i % 6 == 5) for i in range(count)]


def _photo(rng: random.Random, female: bool) -> bytes:
    from PIL import Image, ImageDraw, ImageFilter
    w, _h = PHOTO_SIZE
    image = Image.new("RGB", PHOTO_SIZE, rng.choice(PHOTO_BACKS))
    draw = ImageDraw.Draw(image)
    skin, shirt, hair = rng.choice(SKINS), rng.choice(SHIRTS), rng.choice(HAIRS)
    cx, hw, hh, top = w // 2 + rng.randint(-2, 2), rng.randint(25, 29), rng.randint(33, 37), rng.randint(24, 30)
    bottom = top + 2 * hh
    if female:          # hair to the shoulders, behind the face
        draw.rounded_rectangle((cx - hw - 7, top - 6, cx + hw + 7, bottom + 14), radius=24, fill=hair)
    draw.ellipse((cx - 62, bottom + 4, cx + 62, bottom + 110), fill=shirt)
    draw.rectangle((cx - 13, bottom - 14, cx + 13, bottom + 12), fill=skin)
    draw.polygon([(cx - 16, bottom + 6), (cx, bottom + 24), (cx + 16, bottom + 6)], fill=skin)
    for side in (-1, 1):
        draw.ellipse((cx + side * hw - 5, top + hh - 8, cx + side * hw + 5, top + hh + 12), fill=skin)
    draw.ellipse((cx - hw, top, cx + hw, bottom), fill=skin)
    draw.chord((cx - hw - 3, top - 6, cx + hw + 3, top + hh + 4), 180, 360, fill=hair)
    for side in (-1, 1):
        draw.rectangle((cx + side * hw - 3, top + hh // 2 - 2, cx + side * hw + 3, top + hh - 4), fill=hair)
    out = io.BytesIO()
    image.filter(ImageFilter.GaussianBlur(0.7)).save(out, "JPEG", quality=75, optimize=True)
    return out.getvalue()


@dataclass(frozen=True, slots=True)
class Kept:
    """A file as ``attachments.prepare`` keeps it, ready to be written many times."""
    mime: str
    data: bytes
    thumb: bytes | None
    sha256: str
    width: int | None = None
    height: int | None = None
    pages: int | None = None


def kept_photo(data: bytes) -> Kept:
    return Kept("image/jpeg", data, data, hashlib.sha256(data).hexdigest(), *PHOTO_SIZE)


def kept_file(data: bytes, name: str) -> Kept:
    from models.attachments import prepare
    p = prepare(data, name)
    return Kept(p.mime, p.data, p.thumb, hashlib.sha256(p.data).hexdigest(), p.width, p.height, p.pages)


def _canvas(size):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas
    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))      # built in: no font file, a small PDF
    out = io.BytesIO()
    return out, canvas.Canvas(out, pagesize=size, pageCompression=1)


def licence_pdf(firm: Firm) -> bytes:
    """营业执照（副本）as scanned: the register's particulars, the seal of the registering office."""
    from reportlab.lib.units import mm
    width, height = 210 * mm, 148 * mm
    out, c = _canvas((width, height))
    c.setFillColorRGB(0.99, 0.97, 0.92)
    c.rect(0, 0, width, height, stroke=0, fill=1)
    c.setStrokeColorRGB(0.72, 0.12, 0.1)
    c.setLineWidth(3)
    c.rect(6 * mm, 6 * mm, width - 12 * mm, height - 12 * mm)
    c.setLineWidth(0.8)
    c.rect(8 * mm, 8 * mm, width - 16 * mm, height - 16 * mm)
    c.setFillColorRGB(0.1, 0.1, 0.1)
    c.setFont("STSong-Light", 30)
    c.drawCentredString(width / 2, height - 30 * mm, "营 业 执 照")
    c.setFont("STSong-Light", 9)
    c.drawCentredString(width / 2, height - 36 * mm, "（副　本）")
    kind = "个体工商户" if firm.individual else "有限责任公司"
    scope = "水电安装、防水、门窗及瓷砖铺贴" if firm.individual else "建筑装饰装修工程设计与施工；室内外装饰；水电安装"
    lines = (("统一社会信用代码", firm.licence), ("名　　称", firm.name), ("类　　型", kind),
             ("经营者" if firm.individual else "法定代表人", firm.person), ("经营范围", scope),
             ("成立日期", f"{firm.founded.year}年{firm.founded.month:02d}月{firm.founded.day:02d}日"),
             ("住　　所", firm.name[:3] + "某区某街道某路某号"))
    c.setFont("STSong-Light", 10)
    y = height - 50 * mm
    for label, value in lines:
        c.drawString(20 * mm, y, label)
        c.drawString(52 * mm, y, value)
        y -= 8 * mm
    _seal(c, width - 42 * mm, 30 * mm, 16 * mm, "市场监督管理局")
    _qr(c, width - 48 * mm, height - 50 * mm, 22 * mm, firm.licence)
    c.save()
    return out.getvalue()


def qualification_pdf(firm: Firm) -> bytes:
    """建筑业企业资质证书（副本）: the certificate number and the grade of works it may do."""
    from reportlab.lib.units import mm
    width, height = 210 * mm, 148 * mm
    out, c = _canvas((width, height))
    c.setStrokeColorRGB(0.1, 0.3, 0.6)
    c.setLineWidth(2.5)
    c.rect(7 * mm, 7 * mm, width - 14 * mm, height - 14 * mm)
    c.setFont("STSong-Light", 22)
    c.drawCentredString(width / 2, height - 28 * mm, "建筑业企业资质证书")
    c.setFont("STSong-Light", 10)
    y = height - 46 * mm
    for label, value in (("企业名称", firm.name), ("证书编号", firm.qualification), ("统一社会信用代码", firm.licence),
                         ("资质类别及等级", "建筑装修装饰工程专业承包贰级"), ("法定代表人", firm.person),
                         ("有效期", f"至{firm.founded.year + 20}年12月31日")):
        c.drawString(22 * mm, y, label)
        c.drawString(58 * mm, y, value)
        y -= 9 * mm
    _seal(c, width - 45 * mm, 28 * mm, 15 * mm, "住房和城乡建设厅")
    c.save()
    return out.getvalue()


def authorisation_pdf(variant: int) -> bytes:
    """业主委托书 as signed by hand: the printed form, the blanks filled in ink (scribbles, not words)."""
    from reportlab.lib.units import mm
    from reportlab.lib.pagesizes import A4
    width, height = A4
    rng = random.Random(f"authorisation/{variant}")
    out, c = _canvas(A4)
    c.setFont("STSong-Light", 20)
    c.drawCentredString(width / 2, height - 35 * mm, "业 主 委 托 书")
    c.setFont("STSong-Light", 11)
    y = height - 60 * mm
    for label in ("委托人（业主）：", "身份证号码：", "房号：", "受托人：", "身份证号码：", "委托事项：办理装修申请及相关手续",
                  "委托期限：自签署之日起至装修验收完毕止", "委托人签字：", "日期："):
        c.drawString(25 * mm, y, label)
        if "：" == label[-1]:
            _ink(c, rng, 25 * mm + len(label) * 11, y, rng.randint(30, 70) * mm)
        y -= 14 * mm
    c.save()
    return out.getvalue()


def floor_plan_pdf(variant: int) -> bytes:
    """施工平面图 as the contractor's drawing: walls, doors, and where the water and power go."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    rng = random.Random(f"plan/{variant}")
    width, height = landscape(A4)
    out, c = _canvas((width, height))
    left, bottom, right, top = 20 * mm, 25 * mm, width - 20 * mm, height - 30 * mm
    c.setFont("STSong-Light", 14)
    c.drawString(left, height - 20 * mm, "施工平面图（水电改造）")
    c.setLineWidth(4)
    c.rect(left, bottom, right - left, top - bottom)
    c.setLineWidth(2)
    x, y = rng.uniform(0.4, 0.6) * (right - left) + left, rng.uniform(0.4, 0.6) * (top - bottom) + bottom
    c.line(x, bottom, x, top)
    c.line(left, y, x, y)
    c.line(x, y + rng.uniform(-40, 40), right, y + rng.uniform(-40, 40))
    c.setFont("STSong-Light", 10)
    for label, (lx, ly) in zip(("客厅", "主卧", "厨房", "卫生间"), ((left + 30, bottom + 30), (left + 30, y + 30),
                                                                (x + 30, bottom + 30), (x + 30, top - 40))):
        c.drawString(lx, ly, label)
    c.setLineWidth(1)
    for _i in range(rng.randint(8, 14)):              # sockets (circles) and pipes (dashed)
        px, py = rng.uniform(left + 20, right - 20), rng.uniform(bottom + 20, top - 20)
        c.circle(px, py, 5)
        c.setDash(4, 3)
        c.line(px, py, min(right - 5, max(left + 5, px + rng.uniform(-90, 90))), py)
        c.setDash()
    c.save()
    return out.getvalue()


def _seal(c, x: float, y: float, r: float, words: str) -> None:
    c.saveState()
    c.setStrokeColorRGB(0.82, 0.1, 0.1)
    c.setFillColorRGB(0.82, 0.1, 0.1)
    c.setLineWidth(2)
    c.circle(x, y, r)
    c.setFont("STSong-Light", 8)
    c.drawCentredString(x, y - 3, words)
    c.drawCentredString(x, y + r * 0.35, "★")
    c.restoreState()


def _qr(c, x: float, y: float, side: float, text: str) -> None:
    """A square of modules standing in for the licence's QR code (drawn, not a real code): the three finder
    squares in their corners, the rest at random, each row's dark runs one rectangle of a single path."""
    rng = random.Random(text)
    cells = 21
    step = side / cells

    def finder(row: int, col: int) -> bool | None:
        for top, left in ((0, 0), (0, cells - 7), (cells - 7, 0)):
            r, k = row - top, col - left
            if 0 <= r < 7 and 0 <= k < 7:
                ring = min(r, k, 6 - r, 6 - k)
                return ring != 1
            if -1 <= r <= 7 and -1 <= k <= 7:
                return False              # the white border round a finder square
        return None
    path = c.beginPath()
    for row in range(cells):
        run = None
        for col in range(cells + 1):
            fixed = finder(row, col) if col < cells else False
            dark = fixed if fixed is not None else rng.random() < 0.5
            if dark and run is None:
                run = col
            elif not dark and run is not None:
                path.rect(x + run * step, y + (cells - 1 - row) * step, (col - run) * step, step)
                run = None
    c.saveState()
    c.setFillColorRGB(0, 0, 0)
    c.drawPath(path, stroke=0, fill=1)
    c.restoreState()


def _ink(c, rng: random.Random, x: float, y: float, length: float) -> None:
    c.saveState()
    c.setStrokeColorRGB(0.05, 0.1, 0.45)
    c.setLineWidth(1.1)
    path, step = c.beginPath(), 4.0
    path.moveTo(x, y + 2)
    at = x
    while at < x + length:
        at += step
        path.lineTo(at, y + 2 + rng.uniform(-3, 5))
    c.drawPath(path)
    c.restoreState()


def placeholder_pdf(title: str, lines: list[str]) -> bytes:
    """A plain page saying what a file stands for, when the document itself cannot be made here."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    width, height = A4
    out, c = _canvas(A4)
    c.setFont("STSong-Light", 18)
    c.drawCentredString(width / 2, height - 30 * mm, title)
    c.setFont("STSong-Light", 10.5)
    y = height - 48 * mm
    for line in lines:
        c.drawString(22 * mm, y, line)
        y -= 7 * mm
    c.save()
    return out.getvalue()
