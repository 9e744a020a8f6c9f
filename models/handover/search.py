"""search of the handover part (being written)."""
