"""The records part: the estate, the people in it and their ties to rooms, ID copies, owner cards.

What it brings to the core's registries is declared here and in the modules imported below.
"""
from models.audit import describe_actions, describe_entities
from models.users import DESK, SUPERVISORS, register_permission

# The core's registries this part fills (tests/test_parts.py holds it to exactly these).
BRINGS = ("models", "permissions", "audit", "lists", "checks", "demo", "timeline", "search", "labels", "documents",
          "importers", "pages", "start", "room_actions", "openers")

register_permission("records.edit", DESK, "edit owner and tenant records")   # people, move-in/out, transfer, ID copies
register_permission("estate.edit", SUPERVISORS, "edit buildings and rooms")  # areas: the fees depend on them
register_permission("records.import", SUPERVISORS, "import rosters")

describe_actions({
    "room.create": "Room created", "room.update": "Room changed", "room.state": "Room state changed",
    "person.create": "Person recorded", "person.update": "Person changed",
    "ownership.register": "Owner registered", "ownership.transfer": "Transfer (new owner)",
    "ownership.end": "Transfer (ownership ended)", "tenancy.start": "Tenant moved in", "resident.add": "Resident added",
    "tie.end": "Moved out", "idcopy.create": "ID copy registered",
    "import.rooms": "Room roster imported", "import.people": "People roster imported",
    "room.hand_over": "Room handed over", "room.move_in": "Room occupied", "room.let": "Room let",
    "room.tenant_out": "Tenant left the room", "room.tenant_out_household_stays": "Tenant left, household stays",
    "room.start_renovation": "Renovation started", "room.finish_renovation": "Renovation finished",
    "room.correct": "Room state corrected",
})
describe_entities({
    "room": "Room", "building": "Building", "entrance": "Entrance", "person": "Person", "phone": "Phone",
    "vehicle": "Vehicle", "room_party": "Owner/tenant/resident", "id_copy": "ID copy",
})

from models.records import events  # noqa: E402,F401  (its lines on a room's timeline)
from models.records import migrations  # noqa: E402,F401  (its schema chain)
from models.records import checks, demo_copies, demo_estate, demo_people, search  # noqa: E402,F401
