"""The records part: the estate, the people in it and their ties to rooms, ID copies, owner cards."""
from models.records import events  # noqa: F401  (its lines on a room's timeline)
from models.records import migrations  # noqa: E402,F401  (its schema chain)
