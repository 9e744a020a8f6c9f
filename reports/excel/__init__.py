"""Spreadsheets for head office and rosters in from the office (openpyxl).

- ``writer``: the one xlsx writer. ``export_list`` writes any register
  (a ``models.listing.ListSpec``) as a proper workbook; ``XlsxBook`` holds
  several sheets for the head-office pack; ``write_rows`` writes plain rows.
- ``importer``: reads an owner or room roster the office keeps in Excel and
  hands its rows to ``models.records.importing``, which checks and records them.
"""
