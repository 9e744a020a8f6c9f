"""The Chinese font resolver: a registered font pair whatever the machine has."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

from reports.pdf import fonts
from reports.pdf import layout as L


def test_resolver_registers_both_names_once():
    first = fonts.ensure_fonts()
    assert fonts.ensure_fonts() is first                      # cached
    for name in (fonts.REGULAR, fonts.BOLD):
        font = pdfmetrics.getFont(name)
        if hasattr(font, "face") and hasattr(font.face, "charWidths"):          # a TrueType file
            assert all(ord(ch) in font.face.charWidths for ch in "No.2026-000123 业主资料卡")
        assert pdfmetrics.stringWidth("业主资料卡", name, 10) > 0
    sources = fonts.font_sources()
    assert set(sources) == {fonts.REGULAR, fonts.BOLD}
    assert all(sources.values())


@pytest.fixture
def isolated_fonts(monkeypatch):
    """Let one test resolve afresh; the process's registrations come back afterwards."""
    fonts.ensure_fonts()     # so that what monkeypatch restores is the real registration
    monkeypatch.setattr(fonts, "_resolved", None)
    for name in (fonts.REGULAR, fonts.BOLD):
        monkeypatch.setitem(pdfmetrics._fonts, name, pdfmetrics._fonts[name])
        monkeypatch.delitem(pdfmetrics._fonts, name)
    return monkeypatch


def test_fallback_is_the_builtin_cid_font_when_no_file_is_found(isolated_fonts):
    isolated_fonts.setattr(fonts, "candidates", lambda: iter(()))
    resolved = fonts.ensure_fonts()
    assert resolved.fallback
    assert "STSong-Light" in fonts.font_sources()[fonts.REGULAR]
    assert isinstance(pdfmetrics.getFont(fonts.REGULAR), UnicodeCIDFont)
    # A form still builds with it, under the same font names.
    data = L.canvas_pdf("测试", [lambda c: L.draw_flowables(c, L.content_box(), [
        L.heading("业主资料卡", office="阳光花园管理处", serial="2026-000001"), L.grid([[L.label("姓名"), "张伟"]],
                                                                                   [80, 200])])])
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    assert b"STSong-Light" in data


def test_unusable_files_are_skipped(isolated_fonts, tmp_path):
    junk = tmp_path / "broken.ttf"
    junk.write_bytes(b"not a font at all")
    real = [f for f in fonts.LINUX_FONTS + tuple(fonts._windows_candidates()) if f.path.is_file()]
    if not real:
        pytest.skip("no CJK TrueType font installed here")
    isolated_fonts.setattr(fonts, "candidates", lambda: iter([fonts.FontFile(tmp_path / "missing.ttc"),
                                                             fonts.FontFile(junk), real[0]]))
    resolved = fonts.ensure_fonts()
    assert not resolved.fallback
    assert resolved.regular == real[0] and resolved.bold == real[0]


def test_a_font_without_digits_is_never_taken(isolated_fonts):
    """Droid Sans Fallback has the Chinese but no digits: a receipt would print "No.□□□□"."""
    droid = [f for f in fonts.LINUX_FONTS if "Droid" in f.path.name and f.path.is_file()]
    good = [f for f in fonts.LINUX_FONTS if "zenhei" in f.path.name and f.path.is_file()]
    if not droid or not good:
        pytest.skip("needs both Droid Sans Fallback and WenQuanYi Zen Hei")
    isolated_fonts.setattr(fonts, "candidates", lambda: iter([droid[0], good[0]]))
    resolved = fonts.ensure_fonts()
    assert resolved.regular == good[0] and resolved.bold == good[0]
    data = L.canvas_pdf("测试", [lambda c: L.draw_flowables(c, L.content_box(), [
        L.heading("收据", office="阳光花园管理处", serial="2026-000123")])])
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "2026-000123" in text
