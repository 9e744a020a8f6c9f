"""checks of the handover part (being written)."""
