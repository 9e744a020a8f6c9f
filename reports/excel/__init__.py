"""Spreadsheets for head office and lists in from the office (openpyxl).

- ``writer``: the one xlsx writer. ``export_list`` writes any register
  (a ``models.listing.ListSpec``) as a proper workbook; ``XlsxBook`` holds
  several sheets for the head-office pack; ``write_rows`` writes plain rows.
- ``importers``: the registry of importers (``Importer``, ``register_importer``,
  ``get_importer``, ``importers_for``); each part registers its own from
  ``reports/excel/<part>/__init__.py``.
- ``workbook``: an .xlsx opened safely (not a workbook, a password, too large,
  damaged: refused whole), its merged ranges and uncalculated formulas.
- ``sheets``: the core sheet reader: the header row found below any title,
  the columns mapped onto a list's fields, the rows as records for
  ``models.imports``; ``import_table`` reads and imports one file.
- ``records``, ``money``: what offices call the columns of each part's lists.
"""
