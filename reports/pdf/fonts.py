"""One resolver for the Chinese fonts every printed document uses.

Two ReportLab font names are registered, whatever the machine has:

* ``REGULAR`` ("CJK"): body text, a Song (宋体) face where one exists;
* ``BOLD`` ("CJK-Bold"): titles and labels, a Hei (黑体) face where one exists.

Search order: the Windows fonts folder (the office PCs), fonts shipped in
``resources/fonts/``, the usual Linux TrueType CJK fonts, any TrueType-outline
CJK font fontconfig knows of, and last the built-in ``STSong-Light`` CID font,
which needs no file but relies on the PDF viewer having an Adobe-GB1 font.
ReportLab embeds TrueType outlines only, so CFF-flavoured OpenType fonts (the
usual Noto CJK ``.otf``/``.ttc``) are skipped.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

from models.paths import resource_path

REGULAR = "CJK"
BOLD = "CJK-Bold"
CID_FALLBACK = "STSong-Light"

# What a candidate is good for: a Song face for body text, a Hei face for
# headings; "any" serves either when nothing better was found first.
_FOR_REGULAR, _FOR_BOLD, _FOR_ANY = "regular", "bold", "any"


@dataclass(frozen=True)
class FontFile:
    path: Path
    index: int = 0          # the face inside a .ttc collection
    use: str = _FOR_ANY

    def describe(self) -> str:
        return f"{self.path}#{self.index}" if self.path.suffix.lower() == ".ttc" else str(self.path)


@dataclass(frozen=True)
class ResolvedFonts:
    """Which files stand behind ``REGULAR`` and ``BOLD``; ``None`` means the CID fallback."""
    regular: FontFile | None
    bold: FontFile | None

    @property
    def fallback(self) -> bool:
        return self.regular is None

    def sources(self) -> dict[str, str]:
        def name(f: FontFile | None) -> str:
            return f.describe() if f else f"{CID_FALLBACK} (built-in CID font)"
        return {REGULAR: name(self.regular), BOLD: name(self.bold)}


def windows_fonts_dir() -> Path:
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


LINUX_FONTS = (
    FontFile(Path("/usr/share/fonts/truetype/arphic/uming.ttc"), 0, _FOR_REGULAR),
    FontFile(Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"), 0, _FOR_REGULAR),
    FontFile(Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0, _FOR_ANY),
    FontFile(Path("/usr/share/fonts/wenquanyi/wqy-zenhei/wqy-zenhei.ttc"), 0, _FOR_ANY),  # Fedora
    FontFile(Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"), 0, _FOR_ANY),
    FontFile(Path("/usr/share/fonts/truetype/droid/DroidSansFallback.ttf"), 0, _FOR_ANY),
)


def _windows_candidates() -> list[FontFile]:
    folder = windows_fonts_dir()
    return [FontFile(folder / "simsun.ttc", 0, _FOR_REGULAR),
            FontFile(folder / "simhei.ttf", 0, _FOR_BOLD),
            FontFile(folder / "msyh.ttc", 0, _FOR_ANY)]


def _shipped_candidates() -> list[FontFile]:
    """Fonts shipped with the program; a name with "bold" or "hei" is a heading face."""
    folder = resource_path("fonts")
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in (".ttf", ".ttc"):
            continue
        stem = path.stem.lower()
        found.append(FontFile(path, 0, _FOR_BOLD if ("bold" in stem or "hei" in stem) else _FOR_ANY))
    return found


def _fontconfig_candidates() -> list[FontFile]:
    """Any TrueType-outline font with Chinese coverage that fontconfig knows of."""
    if not shutil.which("fc-list"):
        return []
    try:
        out = subprocess.run(["fc-list", "-f", "%{file}|%{index}\n", ":lang=zh:fontformat=TrueType"],
                             capture_output=True, text=True, timeout=5, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    found = []
    for line in sorted(set(out.splitlines())):
        path, _sep, index = line.partition("|")
        if path.lower().endswith((".ttf", ".ttc")):
            found.append(FontFile(Path(path), int(index or 0)))
    return found


def candidates() -> Iterator[FontFile]:
    """Every font file worth trying, best first. fontconfig is asked only if all else is missing."""
    yield from _windows_candidates()
    yield from _shipped_candidates()
    yield from LINUX_FONTS
    yield from _fontconfig_candidates()


# What every printed form needs a glyph for: serials, amounts and room codes are digits and
# Latin letters, the rest is Chinese with full-width punctuation. Droid Sans Fallback, for
# one, has the Chinese but no digits, and would print "No.\0\0\0".
REQUIRED_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.-:/" \
                 "管理处收据栋单元元整壹贰叁，。：（）"


def _load(name: str, font: FontFile) -> TTFont | None:
    if not font.path.is_file():
        return None
    try:
        loaded = TTFont(name, str(font.path), subfontIndex=font.index)
    except Exception:  # CFF outlines, a damaged file, embedding forbidden: try the next one
        return None
    widths = loaded.face.charWidths
    if any(ord(ch) not in widths for ch in REQUIRED_CHARS):
        return None  # missing digits or Latin letters: the form would print holes
    return loaded


def _resolve() -> tuple[ResolvedFonts, dict[str, object]]:
    regular = bold = None
    loaded: dict[str, object] = {}
    for font in candidates():
        if regular is None and font.use != _FOR_BOLD and (obj := _load(REGULAR, font)):
            regular, loaded[REGULAR] = font, obj
        elif bold is None and font.use != _FOR_REGULAR and (obj := _load(BOLD, font)):
            bold, loaded[BOLD] = font, obj
        if regular and bold:
            break
    if regular is None and bold is not None:
        # Only a heading face exists: it serves both, the page just looks heavier.
        regular, loaded[REGULAR] = bold, _load(REGULAR, bold)
    if regular is None:
        for name in (REGULAR, BOLD):
            cid = UnicodeCIDFont(CID_FALLBACK)
            cid.name = cid.fontName = name  # the same names whatever the machine has
            loaded[name] = cid
        return ResolvedFonts(None, None), loaded
    if bold is None:
        bold, loaded[BOLD] = regular, _load(BOLD, regular)
    return ResolvedFonts(regular, bold), loaded


_lock = threading.Lock()
_resolved: ResolvedFonts | None = None


def ensure_fonts() -> ResolvedFonts:
    """Find and register ``REGULAR`` and ``BOLD`` once per process; later calls are free."""
    global _resolved
    with _lock:
        if _resolved is None:
            resolved, loaded = _resolve()
            for font in loaded.values():
                pdfmetrics.registerFont(font)
            # <b> inside a paragraph of REGULAR switches to BOLD.
            pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
            _resolved = resolved
        return _resolved


def font_sources() -> dict[str, str]:
    """The file (or the built-in fallback) behind each registered name, for the about box and logs."""
    return ensure_fonts().sources()
