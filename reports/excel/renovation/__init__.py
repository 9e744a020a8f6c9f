"""The renovation part's spreadsheets: the escalation report (装修整改问题上报) as a workbook
(``escalation.write_escalation``), the same rows as its PDF. The part brings no importer."""
