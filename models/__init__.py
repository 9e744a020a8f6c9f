"""The domain: peewee models and the operations on them. No Qt, no ReportLab."""
