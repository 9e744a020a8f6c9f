"""Reusable pieces used by every page: list model, editors, runner, printing."""
