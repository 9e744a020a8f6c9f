"""Small pieces the renovation part's forms share."""
from __future__ import annotations

from reportlab.platypus import Flowable, Table, TableStyle

NO_PADDING = [(k, (0, 0), (-1, -1), 0) for k in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")]


def stack(*flowables: Flowable) -> Table:
    """Several flowables in one cell of a grid, one under the other."""
    table = Table([[f] for f in flowables], colWidths=[None])
    table.setStyle(TableStyle(NO_PADDING))
    return table
