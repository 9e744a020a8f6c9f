"""Users, roles, and who is acting.

Every operation in models/ takes an ``Actor``: the signed-in user of the
window, or the command line (``--user NAME`` with its password from the
environment, else the computer's account name marked as the command line).
"""
from __future__ import annotations

import getpass
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass

import peewee as pw

from models.db import BaseModel, now, write_tx
from models.errors import Conflict, InvalidInput, NotAllowed, NotFound
from models.i18n import _, label_table

# Role keys, in the order a form lists them.
CLERK = "clerk"
CS_SUPERVISOR = "cs_supervisor"
ENG_SUPERVISOR = "eng_supervisor"
FINANCE = "finance"
DIRECTOR = "director"
ADMIN = "admin"

# The computer's account when the command line runs without --user: not a person and not a
# role anybody is given, so it is kept apart from ROLES (the users page never offers it).
COMMAND_LINE = "command_line"
COMMAND_LINE_LABEL = "Computer account"

ROLES = label_table("users.roles", {
    CLERK: "Clerk",
    CS_SUPERVISOR: "Customer-service supervisor",
    ENG_SUPERVISOR: "Engineering supervisor",
    FINANCE: "Finance",
    DIRECTOR: "Office director",
    ADMIN: "Administrator",
})

_EVERYONE = frozenset(ROLES)
# The front desk (clerks and whoever stands in for them) and the supervisors above it, as the
# parts grant their permissions.
DESK = frozenset({CLERK, CS_SUPERVISOR, DIRECTOR, ADMIN})
SUPERVISORS = frozenset({CS_SUPERVISOR, DIRECTOR, ADMIN})
_DESK, _SUPERVISORS = DESK, SUPERVISORS
# What the command line's own account may do: read, and (see ``require_job``) run the jobs an
# administrator allowed. Personal data stays masked for it.
_READERS = _EVERYONE | {COMMAND_LINE}

# What each permission is, and which roles hold it. Modules add their own.
PERMISSIONS: dict[str, frozenset[str]] = {
    # Reading the office's records and exporting lists: the shell's own pages (the start page, the
    # lists) need them, whatever parts there are. The parts add theirs (records.edit, money.take...).
    "records.view": _READERS,
    "records.export": _READERS,
    # A clerk phones owners (seed 004 场景五: the tenant's release needs the owner called), so
    # full phone numbers are the desk's; full ID numbers are the supervisors' (lists, room page and card alike).
    "personal.phone": _DESK,
    "personal.view": _SUPERVISORS,
    "personal.export": frozenset({DIRECTOR, ADMIN}),  # unmasked exports
    "audit.view": frozenset({CS_SUPERVISOR, DIRECTOR, ADMIN}),
    "users.manage": frozenset({ADMIN}),
    "settings.edit": frozenset({DIRECTOR, ADMIN}),
}

PERMISSION_NAMES: dict[str, str] = {
    "records.view": "view records",
    "records.export": "export lists",
    "personal.phone": "see full phone numbers (to call owners and tenants)",
    "personal.view": "see full ID numbers (lists, room page, the full owner record card; each card printed "
                     "is recorded in the audit log)",
    "personal.export": "export unmasked ID and phone numbers (each export is recorded in the audit log)",
    "audit.view": "read the audit log",
    "users.manage": "manage users",
    "settings.edit": "change office settings",
}


def register_permission(key: str, roles: set[str] | frozenset[str], name: str) -> None:
    """A module declares a permission it checks (money, renovation, ...)."""
    PERMISSIONS[key] = frozenset(roles)
    PERMISSION_NAMES[key] = name


def register_role(key: str, label: str) -> None:
    """A part adds a role of its own (the gate guard, 门岗). It holds no permission until the part
    grants it one: a new role sees nothing of the office's records by default."""
    ROLES[key] = label


def role_label(role: str) -> str:
    if role == COMMAND_LINE:
        return _(COMMAND_LINE_LABEL)
    return _(ROLES.get(role, role))


def revealed(actor) -> frozenset[str]:
    """Which kinds of personal data ``actor`` sees in full: "phone", "id", "record" (audit JSON)."""
    kinds = set()
    if actor.can("personal.phone"):
        kinds.add("phone")
    if actor.can("personal.view"):
        kinds |= {"id", "record"} if actor.can("personal.phone") else {"id"}
    return frozenset(kinds)


class User(BaseModel):
    username = pw.CharField(max_length=40, unique=True)
    display_name = pw.CharField(max_length=40)
    role = pw.CharField(max_length=20)
    password_hash = pw.CharField(max_length=200)
    active = pw.BooleanField(default=True)
    created_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "app_user"


class UnknownPermission(KeyError):
    """Asked for a permission that no part declared (``register_permission``)."""


@dataclass(frozen=True)
class Actor:
    """Who is doing a thing, as the audit log and every printed form name them."""
    name: str
    role: str
    via: str = "gui"             # "gui" or "cli"
    user_id: int | None = None

    def can(self, permission: str) -> bool:
        """Whether the role holds ``permission``; a permission nobody declared is a programming error
        (a typo would otherwise hide a button silently)."""
        try:
            return self.role in PERMISSIONS[permission]
        except KeyError:
            raise UnknownPermission(permission) from None

    def require(self, permission: str) -> None:
        if not self.can(permission):
            message = _("{role} {name} may not {what}.").format(
                role=role_label(self.role), name=self.name, what=_(PERMISSION_NAMES.get(permission, permission)))
            if self.role == COMMAND_LINE:
                message += _(" Run it as a user: --user NAME, with the password in PMDESK_PASSWORD.")
            raise NotAllowed(message)

    @classmethod
    def for_user(cls, user: User, via: str = "gui") -> "Actor":
        return cls(name=user.display_name, role=user.role, via=via, user_id=user.id)

    @classmethod
    def command_line(cls, role: str = COMMAND_LINE) -> "Actor":
        """The computer's account, marked as the command line.

        It may read and run the jobs an administrator allowed (``require_job``);
        every other write needs ``--user``. The one exception is a database with
        no user at all (a new office): like the window's first start, nobody can
        sign in yet, so the account sets it up with the administrator's rights.
        """
        try:
            account = getpass.getuser()
        except Exception:
            account = "unknown"
        return cls(name=f"{account}{_(' (command line)')}", role=role, via="cli")

    @property
    def is_person(self) -> bool:
        """A signed-in user (not the computer's account): the name a form may print as 经办人."""
        return self.user_id is not None


# --- passwords -----------------------------------------------------------------

_SCRYPT = dict(n=2 ** 14, r=8, p=1)


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    check = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                           dklen=len(bytes.fromhex(digest)))
    return hmac.compare_digest(check, bytes.fromhex(digest))


def _check_password_strength(password: str) -> None:
    if len(password) < 6:
        raise InvalidInput(_("A password needs at least 6 characters."), field="password")


def _check_username(username: str) -> str:
    username = (username or "").strip()
    if not username:
        raise InvalidInput(_("The user name is empty."), field="username")
    if len(username) > 40 or any(ch.isspace() for ch in username):
        raise InvalidInput(_("A user name has no spaces and at most 40 characters."), field="username")
    return username


# --- queries and operations -----------------------------------------------------

def has_users() -> bool:
    return User.select().exists()


def list_users() -> list[User]:
    return list(User.select().order_by(User.username))


def authenticate(username: str, password: str) -> User:
    user = User.get_or_none(User.username == (username or "").strip())
    if user is None or not verify_password(password or "", user.password_hash):
        raise NotAllowed(_("Wrong user name or password."))
    if not user.active:
        raise NotAllowed(_("This account is disabled; ask the administrator."))
    return user


def create_first_administrator(username: str, display_name: str, password: str) -> User:
    """First start: the database has no user yet, so nobody can sign in to make one."""
    from models import audit
    username = _check_username(username)
    _check_password_strength(password)
    with write_tx():
        if has_users():
            raise Conflict(_("An administrator already exists; sign in instead."))
        user = User.create(username=username, display_name=(display_name or username).strip(), role=ADMIN,
                           password_hash=hash_password(password))
        actor = Actor.for_user(user)
        audit.record(actor, "user.create", user, after=audit.snapshot(user, exclude={"password_hash"}))
    return user


def create_user(actor: Actor, username: str, display_name: str, role: str, password: str) -> User:
    from models import audit
    actor.require("users.manage")
    username = _check_username(username)
    if role not in ROLES:
        raise InvalidInput(_("Unknown role: {role}").format(role=role), field="role")
    _check_password_strength(password)
    if not (display_name or "").strip():
        raise InvalidInput(_("The person's name is empty."), field="display_name")
    with write_tx():
        if User.select().where(User.username == username).exists():
            raise Conflict(_("The user name {name} is taken.").format(name=username), field="username")
        user = User.create(username=username, display_name=display_name.strip(), role=role,
                           password_hash=hash_password(password))
        audit.record(actor, "user.create", user, after=audit.snapshot(user, exclude={"password_hash"}))
    return user


def set_password(actor: Actor, user_id: int, password: str) -> None:
    from models import audit
    if actor.user_id != user_id:
        actor.require("users.manage")
    _check_password_strength(password)
    with write_tx():
        user = User.get_or_none(User.id == user_id)
        if user is None:
            raise NotFound(_("No such user."))
        user.password_hash = hash_password(password)
        user.save()
        audit.record(actor, "user.password", user, summary=_("password changed"))


def set_user_active(actor: Actor, user_id: int, active: bool, role: str | None = None) -> None:
    from models import audit
    actor.require("users.manage")
    with write_tx():
        user = User.get_or_none(User.id == user_id)
        if user is None:
            raise NotFound(_("No such user."))
        before = audit.snapshot(user, exclude={"password_hash"})
        if role is not None:
            if role not in ROLES:
                raise InvalidInput(_("Unknown role: {role}").format(role=role), field="role")
            user.role = role
        user.active = active
        was_admin = before["role"] == ADMIN and before["active"]
        if was_admin and (user.role != ADMIN or not user.active) and not User.select().where(
                (User.role == ADMIN) & (User.active == True) & (User.id != user.id)).exists():  # noqa: E712
            raise Conflict(_("The last active administrator cannot be disabled or demoted."))
        user.save()
        audit.record(actor, "user.update", user, before=before, after=audit.snapshot(user, exclude={"password_hash"}))


# --- the command line's own account ------------------------------------------------

# Jobs the computer's account may run without --user; each an administrator can switch off
# in the settings (a later part adds backup and the head-office pack).
CLI_JOBS: dict[str, str] = {}


def declare_cli_job(job: str, label: str) -> None:
    """A part offers one more job to the command line's own account (backup, the pack...)."""
    from models import settings
    CLI_JOBS[job] = label
    settings.declare(f"cli.allow.{job}", label, bool, True,
                     "Whether the command line may run this job without --user (as this computer's account).",
                     group="Command line")


declare_cli_job("check", "Command line may run the integrity check")
declare_cli_job("export", "Command line may export lists (personal data masked)")
declare_cli_job("print", "Command line may print documents to PDF (ID numbers masked)")


def require_job(actor: Actor, job: str) -> None:
    """The computer's account runs only the jobs an administrator left allowed; users are checked by role."""
    from models import settings
    if actor.role != COMMAND_LINE:
        return
    if job not in CLI_JOBS or not settings.get(f"cli.allow.{job}"):
        raise NotAllowed(_("The command line may not run “{job}” as this computer's account. Run it as a user: "
                           "--user NAME, with the password in PMDESK_PASSWORD; or an administrator allows the job "
                           "in the settings.").format(job=job))


def cli_actor(username: str | None, env=os.environ) -> Actor:
    """The actor for a command-line run: never prompts, so scheduled jobs never hang."""
    if not username:
        return Actor.command_line(ADMIN if not has_users() else COMMAND_LINE)
    password = env.get("PMDESK_PASSWORD")
    if password is None:
        raise NotAllowed(_("--user needs the password in the PMDESK_PASSWORD environment variable."))
    user = authenticate(username, password)
    return Actor.for_user(user, via="cli")
