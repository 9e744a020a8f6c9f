"""The window: a thin client over models/ and reports/."""
