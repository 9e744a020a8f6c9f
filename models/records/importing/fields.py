"""What a roster may hold: its fields, which a reader maps column headers onto (the record it makes
of each row, the field itself: ``models.imports``)."""
from __future__ import annotations

from models.cells import UncalculatedFormula  # re-exported: readers mark such cells
from models.imports import ImportField, Progress, Record

__all__ = ["FIELDS", "ROOM_FIELDS", "ImportField", "Progress", "Record", "UncalculatedFormula"]

# Where a row's room is: every list that names rooms (rosters, opening balances) starts with these.
ROOM_FIELDS = (
    ImportField("room", "Room number", required=True),
    ImportField("building", "Building"),
    ImportField("entrance", "Entrance"),
)

_PERSON_FIELDS = (
    ImportField("id_type", "ID type"),
    ImportField("id_number", "ID number"),
    ImportField("phone", "Phone", multiple=True),
    ImportField("start_date", "Move-in date"),
    ImportField("deed_no", "Title deed no."),
)
FIELDS: dict[str, tuple[ImportField, ...]] = {
    "rooms": ROOM_FIELDS + (
        ImportField("area", "Gross area", required=True),
        ImportField("use", "Use"),
        ImportField("state", "State"),
        ImportField("note", "Note"),
        ImportField("owner_name", "Owner's name"),
    ) + _PERSON_FIELDS,
    "people": ROOM_FIELDS + (
        ImportField("name", "Name", required=True),
        ImportField("role", "Owner, tenant or resident"),
        ImportField("gender", "Gender"),
        ImportField("employer", "Employer"),
        ImportField("emergency_name", "Emergency contact"),
        ImportField("emergency_relation", "Emergency contact's relation"),
        ImportField("emergency_phone", "Emergency contact's phone"),
        ImportField("plate", "Licence plate", multiple=True),
        ImportField("parking_space", "Parking space"),
        ImportField("relation", "Relation to the owner"),
        ImportField("lease_start", "Lease start"),
        ImportField("lease_end", "Lease end"),
        ImportField("lease_no", "Lease no."),
        ImportField("notes", "Note"),
    ) + _PERSON_FIELDS,
}
