"""The records part's schema: its chain of migrations (see ``models.migrations``).

Versions 1 and 2 were global versions 1 and 3 before each part kept its own chain.
"""
from __future__ import annotations

import peewee as pw

from models.migrations import columns, register_chain


def models() -> list:
    from models.records import estate, people
    return [estate.Building, estate.Entrance, estate.Room,
            people.Person, people.Phone, people.Vehicle, people.RoomParty, people.IdCopy]


def migration_001(db: pw.Database) -> None:
    """The estate (buildings, entrances, rooms) and the people, their phones, vehicles, ties and ID copies."""
    db.create_tables(models(), safe=True)


def migration_002(db: pw.Database) -> None:
    """People sort by pinyin: a sort key per person (丁 before 万, as a Chinese list reads)."""
    from models.records.people import Person, sort_key_of
    if "sort_key" not in columns(db, "person"):
        db.execute_sql("ALTER TABLE person ADD COLUMN sort_key VARCHAR(120) NOT NULL DEFAULT ''")
    db.execute_sql("CREATE INDEX IF NOT EXISTS person_sort_key ON person (sort_key)")
    keys: dict[str, str] = {}
    rows = list(Person.select(Person.id, Person.name).where(Person.sort_key == "").tuples())
    for start in range(0, len(rows), 500):
        for pid, name in rows[start:start + 500]:
            if name not in keys:
                keys[name] = sort_key_of(name)
            Person.update(sort_key=keys[name]).where(Person.id == pid).execute()


register_chain("records", [migration_001, migration_002], models)
