"""Adding a part is its new packages and one line in the manifest (issue 15, README "Adding a part").

A small part, ``kiosk`` (notes left at the desk, with their own table, permission, list, check,
verb, timeline line and room-page button), is written into a scratch folder outside the tree and
added to the packages' search paths; the only change to the product is the manifest's line. In
a fresh interpreter, opening a database made without it runs its migration, and the command
line, the lists, the checks, the timeline and the room page offer what it brought.
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MODELS = '''
import peewee as pw
from models.audit import describe_actions, describe_entities
from models.db import BaseModel, now
from models.users import DESK, register_permission

BRINGS = ("models", "permissions", "audit", "lists", "checks", "timeline", "verbs", "room_actions")
register_permission("kiosk.write", DESK, "leave notes at the desk")
describe_actions({"kiosk.note": "Note left"})
describe_entities({"kiosk_note": "Desk note"})


class KioskNote(BaseModel):
    room_id = pw.IntegerField()
    text = pw.CharField(max_length=100)
    at = pw.DateTimeField(default=now)


def _create(db):
    db.create_tables([KioskNote], safe=True)


from models.migrations import register_chain  # noqa: E402
register_chain("kiosk", [_create], lambda: [KioskNote])

from models import audit  # noqa: E402
from models.check import Finding, OK, register_check  # noqa: E402
from models.commands import verb  # noqa: E402
from models.db import write_tx  # noqa: E402
from models.timeline import Event, as_moment, timeline_source  # noqa: E402


def leave_note(actor, room_id, text):
    actor.require("kiosk.write")
    with write_tx():
        note = KioskNote.create(room_id=room_id, text=text)
        audit.record(actor, "kiosk.note", entity="kiosk_note", entity_id=note.id, summary=text)
    return note


@register_check("kiosk.notes", "Desk notes", order=900)
def _notes():
    return [Finding(OK, f"{KioskNote.select().count()} notes", "kiosk.notes")]


@timeline_source("kiosk")
def _events(room_id):
    return [Event(as_moment(n.at), "Note", n.text, "kiosk_note", n.id)
            for n in KioskNote.select().where(KioskNote.room_id == room_id)]


def _note_arguments(parser):
    parser.add_argument("room")
    parser.add_argument("text")


@verb("note", "leave a note at the desk", arguments=_note_arguments)
def note(actor, args):
    from models.records.estate import find_room
    leave_note(actor, find_room(args.room).id, args.text)
    print("ok")
'''

LISTS = '''
from models.listing import Column, ListSpec, register
from models.kiosk import KioskNote

register(ListSpec(key="kiosk_notes", title="Desk notes", base=lambda: KioskNote.select(), id_expr=KioskNote.id,
                  columns=[Column("text", "Note", KioskNote.text)], default_sort="text"))
'''

UI = '''
from ui.modules import RoomAction, register_room_action

register_room_action(RoomAction("kiosk.note", "Leave a note…", lambda page: None, permission="kiosk.write", order=90))
'''

PROBE = '''
import json, os, sys
sys.path.insert(0, os.environ["KIOSK_ROOT"])
import models, ui
models.__path__.append(os.path.join(os.environ["KIOSK_ROOT"], "models"))
ui.__path__.append(os.path.join(os.environ["KIOSK_ROOT"], "ui"))
from models import parts
parts.MANIFEST = parts.MANIFEST + (("kiosk", ("records",)),)          # the one line
from models import db, migrations
db.open_database(sys.argv[1])
import main
from models.users import cli_actor
from models.records.estate import Room
room = Room.select().first()
code = main.main(["--db", sys.argv[1], "--user", "admin", "note", room.code, "水管漏水，已报修"])
from models.check import run_checks
from models.listing import get_list
from models.timeline import room_timeline
from ui.modules import ROOM_ACTIONS, load_modules
load_modules()
print(json.dumps({
    "code": code, "versions": migrations.part_versions(db.database.obj),
    "list": get_list("kiosk_notes").title, "checks": [f.message for f in run_checks() if f.check == "kiosk.notes"],
    "timeline": [e.detail for e in room_timeline(room.id) if e.kind == "kiosk_note"],
    "room_action": "kiosk.note" in ROOM_ACTIONS,
}, ensure_ascii=False))
'''


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def test_a_part_added_by_its_packages_and_one_manifest_line_is_everywhere(tmp_path):
    office = tmp_path / "office.db"
    made = subprocess.run([sys.executable, "main.py", "--db", str(office), "--create", "demo", "--rooms", "10"],
                          cwd=ROOT, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    kiosk = tmp_path / "kiosk_part"
    _write(kiosk, {"models/kiosk/__init__.py": MODELS, "models/kiosk/lists.py": LISTS, "ui/kiosk/__init__.py": UI})
    env = {"KIOSK_ROOT": str(kiosk), "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin",
           "PMDESK_PASSWORD": "demo123", "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", PROBE, str(office)], cwd=ROOT, capture_output=True, text=True,
                          env=env)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["code"] == 0 and seen["versions"]["kiosk"] == 1
    assert seen["list"] == "Desk notes" and seen["checks"] == ["1 notes"]
    assert seen["timeline"] == ["水管漏水，已报修"] and seen["room_action"]
