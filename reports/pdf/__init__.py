"""Printed documents (ReportLab).

``fonts`` finds one Chinese font pair for every document, ``layout`` holds the
letterhead, title, serial number, ruled grids, signature lines, stamp area and
cut lines that every form shares, and each other module builds one document
as a pure function returning PDF bytes.
"""
