"""Property desk: the front desk of a residential property-management office.

    python main.py [--db PATH_OR_URL]                     the window
    python main.py --db X VERB ...                        a job on the command line
    python main.py --help                                 the verbs there are (each has its own --help)

The verbs come from one registry (models.commands) that the core and every part fill: the core's
demo, check and user (models.core_verbs), import, export and print (reports.verbs), and each
part's own (money's ``charge month``). ``export`` offers every registered list, ``print`` every
registered document, ``import`` every registered importer.

The command line never prompts: it acts as ``--user NAME`` (password from the
PMDESK_PASSWORD environment variable) or as the computer's account, marked as
the command line in the audit log. It exits non-zero with a one-line reason.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path

from models.errors import DomainError
from models.i18n import _, set_language


class UsageError(Exception):
    """The command line itself is wrong (an unknown verb, a missing argument); ``prog`` is the verb whose
    usage it broke (``main.py export``), whose own --help says what it takes."""

    def __init__(self, message: str, prog: str = "main.py"):
        super().__init__(message)
        self.prog = prog


def _argparse_speaks_our_language() -> None:
    """argparse's own words (usage:, options, "invalid choice") go through the program's catalogue."""
    argparse._ = lambda text: _(text) if text else text
    argparse.ngettext = lambda singular, plural, n: _(singular if n == 1 else plural)


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing its usage and exiting: the caller says it in one line."""

    def error(self, message: str):
        raise UsageError(message, self.prog)


def _verbs():
    """The registry of verbs, filled: the core's, then each part's (registered when its package is imported)."""
    import importlib
    from models import commands, parts
    for core in ("models.core_verbs", "reports.verbs"):     # demo, check, user; import, export, print
        importlib.import_module(core)
    parts.load("models")
    return commands


def _common() -> argparse.ArgumentParser:
    """The options every verb takes, before or after it."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, metavar=_("DATABASE"),
                        help=_("database file or URL (postgresql://user:pass@host/name); default: the user's data "
                               "folder"))
    common.add_argument("--user", default=argparse.SUPPRESS, metavar=_("USER"),
                        help=_("act as this user (password from the PMDESK_PASSWORD environment variable)"))
    common.add_argument("--lang", default=argparse.SUPPRESS, choices=("zh_CN", "en"), help=_("zh_CN (default) or en"))
    common.add_argument("--create", action="store_true", default=argparse.SUPPRESS,
                        help=_("make a new, empty database at --db if none is there (never over an existing file)"))
    return common


def _add_verbs(sub, group: str, commands, common) -> None:
    """A parser for each verb under ``group`` ("" for the top), and for the verbs under those."""
    for verb in commands.under(group):
        parser = sub.add_parser(verb.words[-1], parents=[common], help=_(verb.help), description=_(verb.help))
        parser.set_defaults(verb=verb)
        if verb.arguments is not None:
            verb.arguments(parser)
        inner = commands.under(verb.name)
        if inner:
            names = "{" + ",".join(v.words[-1] for v in inner) + "}"
            _add_verbs(parser.add_subparsers(dest=f"{verb.words[-1]}_verb", metavar=names, required=True,
                                             parser_class=_Parser), verb.name, commands, common)


def _parser() -> argparse.ArgumentParser:
    common = _common()
    parser = _Parser(prog="main.py", parents=[common], description=_("Property-management front desk"))
    commands = _verbs()
    names = "{" + ",".join(v.name for v in commands.under("")) + "}"
    _add_verbs(parser.add_subparsers(dest="command", metavar=names, parser_class=_Parser), "", commands, common)
    return parser


def _open(args, verb) -> None:
    """Open the database; a new one only where that is meant (the default place, --create, or a demo)."""
    from models.db import default_target, open_database
    target = getattr(args, "db", None)
    if target is not None and not target.strip():
        from models.errors import DatabaseRefused
        raise DatabaseRefused(_("No database was named: give a file path or a postgresql:// address."))
    # The default data-folder database may always be made (models.db); PMDESK_DB or --db only with --create.
    create = bool(getattr(args, "create", False)) or verb.database == "create"
    open_database(target or default_target(), create=create)


def run_command(args) -> int:
    """Run the verb the arguments chose, as the command line's actor (allowed jobs checked first)."""
    from models.users import cli_actor, require_job
    verb = args.verb
    actor = None
    if verb.database != "none":
        _open(args, verb)
        actor = cli_actor(getattr(args, "user", None))
        if verb.job:
            require_job(actor, verb.job)
    return verb.run(actor, args) or 0


def _say(message: str) -> None:
    """The one line a failed command prints (on stderr), whatever went wrong."""
    text = " ".join(str(message).split())
    print(f"{_('Error')}: {text}", file=sys.stderr)


def _log_unexpected(error: BaseException) -> Path | None:
    """Keep the details of a fault for the maintainer; the clerk reads one line."""
    import datetime as dt
    import traceback
    from models.paths import user_data_dir
    try:
        folder = user_data_dir() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "command-line-errors.log"
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {dt.datetime.now():%Y-%m-%d %H:%M:%S} {' '.join(sys.argv)}\n")
            log.write("".join(traceback.format_exception(error)))
        return path
    except OSError:
        return None


def _quiet_stdout() -> None:
    """The reader of our output went away (``check | head -1``): say nothing more."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def main(argv: list[str] | None = None) -> int:
    set_language("zh_CN")
    _argparse_speaks_our_language()
    try:
        args = _parser().parse_args(argv)
    except UsageError as error:
        _say(_("{problem}. See {prog} --help.").format(problem=error, prog=error.prog))
        return 2
    set_language(getattr(args, "lang", None) or "zh_CN")
    if getattr(args, "verb", None) is None:
        from ui.app import run_gui
        return run_gui(getattr(args, "db", None), getattr(args, "user", None), create=getattr(args, "create", False))
    import peewee as pw
    try:
        code = run_command(args)
        sys.stdout.flush()
        return code
    except DomainError as error:
        _say(str(error))
        return 1
    except BrokenPipeError:
        _quiet_stdout()
        return 141
    except KeyboardInterrupt:
        _say(_("Interrupted; nothing half-written was kept."))
        return 130
    except pw.DatabaseError as error:
        from models.db import explain
        _say(explain(error))
        return 1
    except Exception as error:  # the last net: a fault is logged, never shown as a traceback
        log = _log_unexpected(error)
        _say(_("The program met an unexpected fault ({kind}); nothing half-written was kept. Details: {log}").format(
            kind=type(error).__name__, log=log or "-"))
        return 3


if __name__ == "__main__":
    sys.exit(main())
