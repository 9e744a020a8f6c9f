"""The core's verbs of the command line that write paper and spreadsheets: import, export, print.

Each offers what its registry holds, whichever part registered it: ``import`` the importers
(``reports.excel.importers``), ``export`` the lists (``models.listing``) with their own filters,
``print`` the documents (``reports.pdf.registry``). Permissions are checked where the work is
done (the list's export, the document's gathering in models/, the importer), never here.
"""
from __future__ import annotations

from pathlib import Path

from models import validation as v
from models.commands import progress_printer, verb
from models.errors import InvalidInput
from models.i18n import _


def write_output(path: Path, data: bytes) -> None:
    """Write a document where the job asked; a folder that is missing or closed is said plainly."""
    from reports.excel.writer import check_destination
    check_destination(path, "document.pdf")
    try:
        path.write_bytes(data)
    except OSError as error:
        raise InvalidInput(_("Cannot write {path}: {reason}").format(path=path, reason=error.strerror or error))


# --- import -------------------------------------------------------------------------------------

def _import_arguments(parser) -> None:
    from reports.excel.importers import all_importers
    importers = all_importers()
    parser.add_argument("kind", choices=[i.key for i in importers], help=_("what the workbook holds: {kinds}").format(
        kinds="; ".join(f"{i.key}: {_(i.title).rstrip('…')}" for i in importers)))
    parser.add_argument("file", metavar=_("FILE"), help=_("the workbook (.xlsx)"))
    parser.add_argument("--skip-invalid", action="store_true", help=_("write the good rows even if some are refused"))
    parser.add_argument("--dry-run", action="store_true", help=_("check the file, write nothing"))


@verb("import", "import a roster or opening balances from xlsx", arguments=_import_arguments)
def import_(actor, args) -> int:
    from reports.excel.importers import get_importer
    importer = get_importer(args.kind)
    report = importer.run(actor, Path(args.file), skip_invalid=args.skip_invalid, dry_run=args.dry_run,
                          progress=progress_printer(_("Importing")))
    print(report.summary())
    return 1 if report.refused and not args.skip_invalid else 0


# --- export -------------------------------------------------------------------------------------

def _lists() -> dict:
    from models.listing import load_lists
    return load_lists()


def _export_arguments(parser) -> None:
    lists = _lists()
    parser.add_argument("list", choices=tuple(lists), help=_("the list: {lists}").format(
        lists="; ".join(f"{key}: {_(spec.title)}" for key, spec in lists.items())))
    parser.add_argument("--out", required=True, metavar=_("FILE"), help=_("the workbook to write (.xlsx)"))
    parser.add_argument("--search", default="", metavar=_("TEXT"), help=_("the same filter text as the list's search box"))
    parser.add_argument("--unmasked", action="store_true", help=_("full ID and phone numbers (director/admin)"))
    parser.add_argument("--as-of", default="", metavar=_("DATE"), help=_("arrears: as of this date (default today)"))
    parser.add_argument("--year", default="", metavar=_("YEAR"), help=_("receipts: only this year's"))
    parser.add_argument("--filter", action="append", default=[], metavar=_("KEY=VALUE"),
                        help=_("one of the list's own filters, e.g. method=cash; give it again for more. "
                               "The filters: {filters}").format(filters="; ".join(
                                   f"{key}: {', '.join(spec.filters)}" for key, spec in lists.items() if spec.filters)))


def list_filter(spec, item: str) -> tuple[str, object]:
    """``KEY=VALUE`` typed for a list → the filter's key and its value, read by the filter's own parser."""
    key, equals, text = v.clean(item).partition("=")
    key = key.strip()
    keys = "、".join(spec.filters) or _("none")
    if not equals or not key:
        raise InvalidInput(_("Give a filter as KEY=VALUE (e.g. {key}=…); the filters of the list {list} are: "
                             "{keys}.").format(key=next(iter(spec.filters), "key"), list=spec.key, keys=keys),
                           field="filter")
    if key not in spec.filters:
        raise InvalidInput(_("The list {list} has no filter {key}; its filters are: {keys}.").format(
            list=spec.key, key=key, keys=keys), field="filter")
    parse = spec.filter_values.get(key, lambda value: v.text(value, key))
    try:
        return key, parse(text.strip())
    except InvalidInput as error:
        raise InvalidInput(_("Filter {key}: {problem}").format(key=key, problem=error), field="filter") from None


@verb("export", "export a list to xlsx", arguments=_export_arguments, job="export")
def export(actor, args) -> None:
    from models.listing import get_list
    from reports.excel.writer import export_list
    spec = get_list(args.list)
    filters = {}
    if args.as_of:
        filters["as_of"] = v.parse_date(args.as_of, field="as_of")
    if args.year:
        filters["year"] = v.year(args.year)
    for item in args.filter:
        key, value = list_filter(spec, item)
        if key in filters:
            raise InvalidInput(_("The filter {key} is given twice; give each filter once.").format(key=key),
                               field="filter")
        filters[key] = value
    rows = export_list(spec, Path(args.out), actor, filters=filters, text=v.search_text(args.search),
                       reveal=args.unmasked, progress=progress_printer(_("Exporting")))
    print(_("{rows} rows written to {path}").format(rows=rows, path=args.out))


# --- print --------------------------------------------------------------------------------------

def _print_arguments(parser) -> None:
    from reports.pdf.registry import all_documents, all_options
    documents = all_documents()
    parser.add_argument("document", choices=[d.key for d in documents], help=_("the document: {documents}").format(
        documents="; ".join(f"{d.key}: {_(d.title)}" for d in documents)))
    parser.add_argument("target", nargs="?", default="", metavar=_("WHICH"), help=_("which one: {targets}").format(
        targets="; ".join(f"{d.key}: {_(d.takes)}" for d in documents)))
    parser.add_argument("--out", required=True, metavar=_("FILE"), help=_("the PDF to write"))
    for option in all_options():
        users = [d for d in documents if any(o.name == option.name for o in d.options)]
        parser.add_argument(option.flag, default="", metavar=_("VALUE"), help="; ".join(
            f"{d.key}: {_(o.help)}" for d in users for o in d.options if o.name == option.name))


@verb("print", "print a document to PDF", arguments=_print_arguments, job="print")
def print_(actor, args) -> None:
    from reports.pdf.registry import all_options, make_document
    options = {option.name: getattr(args, option.name, "") for option in all_options()}
    data = make_document(actor, args.document, args.target, options)
    write_output(Path(args.out), data)
    print(_("Written: {path}").format(path=args.out))
