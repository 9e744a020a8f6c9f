"""The demo's defect photos (演示数据: 验房照片): about half the defects were photographed where they were
found, on the clerk's phone. One picture per kind of defect (a crack in a wall, a damp stain, a hollow tile,
a fitting), drawn once and kept as ``attachments.prepare`` keeps a clerk's photo, then written with each
defect it shows and audited as ``add_prepared`` audits it.
"""
from __future__ import annotations

import hashlib
import io
import random

from models.attachments import Attachment
from models.handover.demo_handover import World, snapshot

SIZE = (480, 360)
LABEL = "验房照片"             # as ``hand_over`` and ``add_defect`` label the photos found with a defect
WALLS = ((236, 232, 222), (226, 222, 214), (240, 238, 232))


def _kind(description: str) -> str:
    for word, kind in (("裂缝", "crack"), ("空鼓", "tile"), ("地砖", "tile"), ("渗水", "stain"), ("排水", "drain"),
                       ("堵塞", "drain"), ("漆", "scratch"), ("污损", "scratch"), ("涂料", "scratch")):
        if word in description:
            return kind
    return "fitting"


def _picture(kind: str, seed: int) -> bytes:
    from PIL import Image, ImageDraw, ImageFilter
    rng = random.Random(seed)
    w, h = SIZE
    image = Image.new("RGB", SIZE, rng.choice(WALLS))
    draw = ImageDraw.Draw(image)
    for _i in range(900):                       # the wall's grain
        x, y, shade = rng.randrange(w), rng.randrange(h), rng.randint(-14, 8)
        base = image.getpixel((x, y))
        draw.point((x, y), fill=tuple(max(0, min(255, c + shade)) for c in base))
    focus = (w // 2, h // 2)
    if kind == "crack":
        x, y = rng.randint(180, 260), 30
        points = [(x, y)]
        while y < h - 30:
            x, y = x + rng.randint(-16, 18), y + rng.randint(14, 30)
            points.append((x, y))
        draw.line(points, fill=(90, 86, 80), width=2)
        focus = points[len(points) // 2]
    elif kind == "stain":
        for r, tone in ((130, 214), (100, 200), (70, 186)):
            dx = rng.randint(-12, 12)
            draw.ellipse((w // 2 - r + dx, 30 - r // 3, w // 2 + r + dx, 30 + r), fill=(tone, tone - 10, tone - 40))
        focus = (w // 2, 90)
    elif kind in ("tile", "drain"):
        for x in range(0, w, 120):
            for y in range(0, h, 120):
                draw.rectangle((x + 2, y + 2, x + 117, y + 117), outline=(170, 165, 155), width=3)
        if kind == "tile":
            draw.rectangle((122, 122, 237, 237), fill=(205, 198, 186))
            draw.line((130, 140, 230, 220), fill=(120, 115, 105), width=2)
            focus = (180, 180)
        else:
            draw.ellipse((w // 2 - 40, h // 2 - 40, w // 2 + 40, h // 2 + 40), fill=(150, 150, 150))
            draw.ellipse((w // 2 - 28, h // 2 - 28, w // 2 + 28, h // 2 + 28), fill=(95, 90, 80))
    elif kind == "scratch":
        for _i in range(4):
            x, y = rng.randint(190, 250), rng.randint(150, 200)
            draw.line((x, y, x + rng.randint(30, 60), y + rng.randint(-10, 10)), fill=(150, 140, 120), width=2)
        focus = (245, 180)
    else:
        draw.rounded_rectangle((150, 80, 330, 280), radius=10, fill=(190, 190, 188), outline=(120, 120, 118), width=4)
        draw.rectangle((300, 170, 318, 200), fill=(80, 80, 78))
        focus = (309, 185)
    x, y = focus                                  # circled in red on the phone, as clerks do
    draw.ellipse((x - 60, y - 60, x + 60, y + 60), outline=(220, 30, 30), width=4)
    out = io.BytesIO()
    image.filter(ImageFilter.GaussianBlur(0.6)).save(out, "JPEG", quality=80)
    return out.getvalue()


class Photos:
    """The defects' photos: each kind of picture prepared once, a row and an audit entry per defect shown."""

    def __init__(self, world: World):
        self.world = world
        self.kept: dict[str, object] = {}
        self.rows: list[tuple] = []

    def _prepared(self, kind: str):
        if kind not in self.kept:
            from models.attachments import prepare
            self.kept[kind] = prepare(_picture(kind, len(self.kept) + 7), f"{kind}.jpg")
        return self.kept[kind]

    def attach(self, fix) -> None:
        """The photo taken when the defect was written down, right after it (as ``_attach`` does)."""
        if fix.id % 2:
            return
        world, file = self.world, self._prepared(_kind(fix.description))
        attachment_id = world.ctx.reserve_ids(Attachment, 1)
        name = f"IMG_{fix.found_at:%Y%m%d_%H%M%S}.jpg"
        row = dict(id=attachment_id, owner_kind="handover_defect", owner_id=fix.id, label=LABEL, filename=name,
                   mime=file.mime, size=len(file.data), sha256=hashlib.sha256(file.data).hexdigest(),
                   width=file.width, height=file.height, pages=file.pages, data=file.data, thumb=file.thumb,
                   added_at=fix.found_at, added_by=fix.found_by, removed_at=None, removed_by=None, remove_reason=None)
        self.rows.append(tuple(row.values()))
        world.log.add(fix.found_at, "attachment.add", "attachment", attachment_id,
                      f"handover_defect {fix.id}: {LABEL} {name}",
                      after=snapshot(Attachment, row, exclude=("data", "thumb")))

    def write(self) -> None:
        a = Attachment
        self.world.ctx.insert(a, [a.id, a.owner_kind, a.owner_id, a.label, a.filename, a.mime, a.size, a.sha256,
                                  a.width, a.height, a.pages, a.data, a.thumb, a.added_at, a.added_by, a.removed_at,
                                  a.removed_by, a.remove_reason], self.rows)
        self.rows = []
