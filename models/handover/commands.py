"""commands of the handover part (being written)."""
