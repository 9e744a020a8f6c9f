"""What a roster may hold: its fields, which a reader maps column headers onto, and the
record (row number, field key → raw value) it makes of each row."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from models.cells import UncalculatedFormula  # noqa: F401  (re-exported: readers mark such cells)

Record = tuple[int, dict[str, Any]]
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportField:
    """A field a roster may hold; the reader maps its column headers onto ``key``."""
    key: str
    label: str              # English source, shown through _() when a column is missing
    required: bool = False
    multiple: bool = False  # several columns may feed it (mobile + landline)


_PERSON_FIELDS = (
    ImportField("id_type", "ID type"),
    ImportField("id_number", "ID number"),
    ImportField("phone", "Phone", multiple=True),
    ImportField("start_date", "Move-in date"),
    ImportField("deed_no", "Title deed no."),
)
FIELDS: dict[str, tuple[ImportField, ...]] = {
    "rooms": (
        ImportField("room", "Room number", required=True),
        ImportField("building", "Building"),
        ImportField("entrance", "Entrance"),
        ImportField("area", "Gross area", required=True),
        ImportField("use", "Use"),
        ImportField("state", "State"),
        ImportField("note", "Note"),
        ImportField("owner_name", "Owner's name"),
    ) + _PERSON_FIELDS,
    "people": (
        ImportField("room", "Room number", required=True),
        ImportField("building", "Building"),
        ImportField("entrance", "Entrance"),
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
