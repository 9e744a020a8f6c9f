"""The records part's lines on a room's timeline: ties that began and ended, ID copies taken."""
from __future__ import annotations

from models.i18n import _
from models.records.people import IdCopy, Person, RoomParty, party_role_label
from models.timeline import Event, as_moment, timeline_source


@timeline_source("records")
def room_events(room_id: int) -> list[Event]:
    events = []
    ties = RoomParty.select(RoomParty, Person).join(Person).where(RoomParty.room == room_id)
    for tie in ties:
        role = party_role_label(tie.role)
        events.append(Event(as_moment(tie.start_date), _("{role} from").format(role=role),
                            f"{tie.person.name} {tie.document_no}".strip(), "person", tie.person_id))
        if tie.end_date is not None:
            events.append(Event(as_moment(tie.end_date), _("{role} ended").format(role=role),
                                tie.person.name, "person", tie.person_id))
    copies = IdCopy.select(IdCopy, Person).join(Person).where(IdCopy.room == room_id)
    for copy in copies:
        events.append(Event(copy.taken_at, _("ID copy taken"), f"{copy.person.name}：复件仅供{copy.purpose}之用",
                            "person", copy.person_id))
    return events
