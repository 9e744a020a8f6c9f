"""events of the handover part (being written)."""
