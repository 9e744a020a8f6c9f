"""The core's own verbs of the command line: demo, check, user add, user list.

The verbs that write paper and spreadsheets (import, export, print) are the reports layer's
(``reports.verbs``); each part adds its own from its package (money's ``charge month``).
"""
from __future__ import annotations

import os

from models.commands import group, progress_printer, verb
from models.errors import DomainError
from models.i18n import _


def _demo_arguments(parser) -> None:
    parser.add_argument("--rooms", type=int, default=600, metavar="N", help=_("number of rooms (10 to 50,000)"))
    parser.add_argument("--seed", type=int, default=2026, metavar="N", help=_("the seed of the generator: the same seed, the same office"))


@verb("demo", "fill the database with a realistic generated office", arguments=_demo_arguments, database="create")
def demo(actor, args) -> None:
    from models import demo as generator
    summary = generator.generate(actor, rooms=args.rooms, seed=args.seed, progress=progress_printer(_("Generating")))
    print("\n".join(summary.lines()))


@verb("check", "check the database's integrity", job="check")
def check(actor, args) -> int:
    from models.check import format_report, run_checks
    findings = run_checks()
    print(format_report(findings))
    return 1 if any(f.level == "error" for f in findings) else 0


group("user", "manage users")


def _user_add_arguments(parser) -> None:
    from models.users import ROLES
    parser.add_argument("username", metavar=_("USERNAME"), help=_("the name to sign in with"))
    parser.add_argument("--role", required=True, choices=tuple(ROLES), metavar=_("ROLE"),
                        help=_("the user's role: {roles}").format(
                            roles="、".join(f"{key}（{_(label)}）" for key, label in ROLES.items())))
    parser.add_argument("--name", default="", metavar=_("NAME"), help=_("the person's name as printed on forms"))


@verb("user add", "add a user (the password in PMDESK_NEW_PASSWORD)", arguments=_user_add_arguments)
def user_add(actor, args) -> None:
    from models import users
    password = os.environ.get("PMDESK_NEW_PASSWORD") or os.environ.get("PMDESK_PASSWORD")
    if not password:
        raise DomainError(_("Put the new user's password in the PMDESK_NEW_PASSWORD environment variable."))
    user = users.create_user(actor, args.username, args.name or args.username, args.role, password)
    print(_("User {name} created.").format(name=user.username))


@verb("user list", "list the users, their roles and whether they are active")
def user_list(actor, args) -> None:
    from models import users
    for u in users.list_users():
        print(f"{u.username}\t{u.display_name}\t{users.role_label(u.role)}\t"
              f"{_('active') if u.active else _('disabled')}")
