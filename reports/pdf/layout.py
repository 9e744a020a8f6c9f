"""The layout toolkit every printed form shares.

Two ways to make a document, both pure functions returning bytes:

* a flowing document (lists, cards, notices) — ``flowing_pdf(story, title=...)``: A4 with
  page numbers 第 1 页 共 N 页 and, from page 2, a small running head;
* fixed bands on a page (a three-part receipt, a two-part release slip) —
  ``canvas_pdf(title, pages)`` where each page function calls ``draw_parts(canvas, parts)``;
  each part is a list of flowables drawn into its own band, with its name (第一联 存根)
  on the right edge and a dashed cut line between bands.

The same flowables serve both: ``heading`` (letterhead, spaced title, red serial number),
``grid`` (ruled table of ``label``/``text`` cells that wrap Chinese), ``SignatureRow``
(经办人：______ 日期：____年__月__日) and ``StampArea`` (管理处(盖章), empty inside).
Output is byte-stable (``invariant=1``) so tests can compare runs.

Import the toolkit from here (``from reports.pdf import layout as L``); it lives in
``cells`` (type, ink, text cells, grids), ``blocks`` (heading, signatures, stamp) and
``documents`` (flowing and banded documents).
"""
from reports.pdf.blocks import Heading, Signature, SignatureRow, StampArea, heading, sign_off
from reports.pdf.cells import (BODY_SIZE, HEAD_SHADE, RED, FormStyles, at_least, cn_date, grid, label,
                               section_label, styles, text)
from reports.pdf.documents import (MARGIN, PAGE, PART_LABEL_WIDTH, Box, LayoutError, bands, canvas_pdf,
                                   content_box, cut_line, draw_flowables, draw_parts, fit_one_page, flowing_pdf,
                                   part_label, part_width, void_mark)

__all__ = ["PAGE", "MARGIN", "RED", "HEAD_SHADE", "BODY_SIZE", "PART_LABEL_WIDTH", "LayoutError",
           # cells and grids
           "FormStyles", "styles", "cn_date", "text", "label", "section_label", "at_least", "grid",
           # the furniture of a form
           "heading", "Heading", "Signature", "SignatureRow", "StampArea", "sign_off",
           # flowing documents
           "flowing_pdf", "fit_one_page",
           # parts on a page
           "Box", "content_box", "bands", "part_width", "draw_flowables", "draw_parts", "part_label",
           "cut_line", "void_mark", "canvas_pdf"]
