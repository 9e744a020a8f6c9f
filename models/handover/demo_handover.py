"""demo_handover of the handover part (being written)."""
