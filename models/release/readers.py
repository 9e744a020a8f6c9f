"""Other parts' passes the gate answers too (a renovation worker's 出入证): a leaf module with no imports of
the release part's tables, so a part that builds on release registers its reader while the parts load."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GateCard:
    """Another part's pass read at the gate (a renovation worker's 出入证): what the guard sees of it."""
    kind: str                                # "worker_pass"
    title: str                               # 装修施工人员出入证 ZX2026-000012-03
    rows: tuple[tuple[str, str], ...]        # (label, value) in large type: name, room, contractor, valid until
    photo: bytes | None = None               # the holder's photo, to compare with the face


# Other parts' passes the gate answers too: reader(text, today) -> GateAnswer, or None when not theirs.
READERS: list = []


def register_reader(reader) -> None:
    READERS.append(reader)
