"""The command line built from the registries (issue 15): every list, document and importer is
offered, --filter reads a list's own filters, every verb's --help reads in Chinese."""
import tempfile

import pytest

from tests.cli_run import main_runner

SCRATCH = tempfile.mkdtemp(prefix="pmdesk-cli-registry-home-")
ARGPARSE_ENGLISH = ("usage:", "positional arguments", "options:", "show this help message and exit",
                    "optional arguments")


run = main_runner(SCRATCH)


def _refused_in_one_chinese_line(result, code: int = 1) -> str:
    """A refusal (exit 1; 2 for a command line that is itself wrong) said in one Chinese line."""
    lines = result.stderr.strip().splitlines()
    assert result.returncode == code, result.stderr
    assert len(lines) == 1 and lines[0].startswith("错误") and "Traceback" not in result.stderr, result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """A small demo office, with a refund paid so that there is a slip to print."""
    path = tmp_path_factory.mktemp("cli-registry") / "office.db"
    made = run("--db", str(path), "demo", "--rooms", "30")
    assert made.returncode == 0, made.stderr
    from models import db as dbmod
    from models.money import cashier
    from models.money.ledger import Receipt
    from models.users import CS_SUPERVISOR, Actor
    dbmod.open_database(path)
    try:
        receipt = Receipt.select().where(Receipt.voided_at.is_null()).order_by(Receipt.id.desc()).first()
        cashier.refund_receipt(Actor("王芳", CS_SUPERVISOR), receipt.id, "1", "多收退回")
    finally:
        dbmod.close_database()
    return path


def _parser_choices(*words):
    """The choices of a verb's first positional argument, as main.py's parser offers them."""
    import argparse
    import main
    from models.i18n import set_language
    set_language("zh_CN")
    parser = main._parser()
    for word in words:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = sub.choices[word]
    positional = next(a for a in parser._actions if not a.option_strings and a.choices)
    return set(positional.choices)


def test_export_offers_every_registered_list():
    from models import parts
    from models.listing import REGISTRY
    parts.load("models", "lists")
    assert _parser_choices("export") == set(REGISTRY) and {"rooms", "receipts", "arrears"} <= set(REGISTRY)


def test_print_offers_every_registered_document():
    from reports.pdf.registry import all_documents
    assert _parser_choices("print") == {d.key for d in all_documents()}
    assert {"card", "receipt", "refund", "reminders", "close"} <= {d.key for d in all_documents()}


def test_import_offers_every_registered_importer():
    from reports.excel.importers import all_importers
    assert _parser_choices("import") == {i.key for i in all_importers()}


def test_user_add_offers_the_roles_of_models_users():
    import argparse
    import main
    from models.users import ROLES
    user = next(a for a in main._parser()._actions if isinstance(a, argparse._SubParsersAction)).choices["user"]
    add = next(a for a in user._actions if isinstance(a, argparse._SubParsersAction)).choices["add"]
    role = next(a for a in add._actions if "--role" in a.option_strings)
    assert tuple(role.choices) == tuple(ROLES)


def test_every_verb_s_help_and_every_document_is_translated():
    import main
    from models.i18n import load_catalogue
    from reports.pdf.registry import all_documents
    catalogue = load_catalogue("zh_CN")
    commands = main._verbs()
    texts = [verb.help for verb in commands.VERBS.values()]
    for document in all_documents():
        texts += [document.title, document.takes] + [option.help for option in document.options]
    untranslated = [text for text in texts if not catalogue.get(text)]
    assert len(texts) > 10 and not untranslated


def _every_verb() -> list[list[str]]:
    import main
    commands = main._verbs()
    return [[]] + [list(v.words) for v in commands.VERBS.values()]


@pytest.mark.parametrize("words", _every_verb(), ids=lambda w: " ".join(w) or "main.py")
def test_help_reads_in_chinese(words):
    result = run(*words, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("用法：") and "选项" in result.stdout
    english = [w for w in ARGPARSE_ENGLISH if w in result.stdout.lower()]
    assert not english, result.stdout


def _export(office, path, *filters) -> list[dict]:
    from openpyxl import load_workbook
    args = [a for f in filters for a in ("--filter", f)]
    result = run("--db", str(office), "export", "receipts", *args, "--out", str(path))
    assert result.returncode == 0, result.stderr
    sheet = load_workbook(path).active
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, row)) for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_a_filter_narrows_the_export(office, tmp_path):
    every = _export(office, tmp_path / "all.xlsx")
    cash = _export(office, tmp_path / "cash.xlsx", "method=现金")          # a method by its label
    voided = _export(office, tmp_path / "voided.xlsx", "status=voided")    # a status by its key
    both = _export(office, tmp_path / "both.xlsx", "method=cash", "status=voided")
    assert 0 < len(cash) < len(every) and {r["收款方式"] for r in cash} == {"现金"}
    assert 0 < len(voided) < len(every) and {r["状态"] for r in voided} == {"已作废"}
    assert [r["收据号"] for r in both] == [r["收据号"] for r in voided if r["收款方式"] == "现金"]


@pytest.mark.parametrize("item, says", [
    ("colour=red", "method"),                 # no such filter: the list's filters are named
    ("method", "键=值"),                       # not KEY=VALUE
    ("year=abc", "year"),                      # the filter's own parser refuses
    ("method=bitcoin", "现金"),                 # not one of the methods: they are named
    ("from=2026-13-45", "from"),
])
def test_a_bad_filter_is_one_chinese_line(office, tmp_path, item, says):
    out = tmp_path / "x.xlsx"
    line = _refused_in_one_chinese_line(run("--db", str(office), "export", "receipts", "--filter", item,
                                            "--out", str(out)))
    assert says in line and not out.exists()


def test_filters_of_other_lists_are_read_by_their_own_parsers(office, tmp_path):
    held = run("--db", str(office), "export", "deposits", "--filter", "held=是", "--out", str(tmp_path / "d.xlsx"))
    assert held.returncode == 0, held.stderr
    let = run("--db", str(office), "export", "rooms", "--filter", "state=出租", "--out", str(tmp_path / "r.xlsx"))
    assert let.returncode == 0, let.stderr
    _refused_in_one_chinese_line(run("--db", str(office), "export", "deposits", "--filter", "held=maybe",
                                     "--out", str(tmp_path / "d2.xlsx")))
    _refused_in_one_chinese_line(run("--db", str(office), "export", "arrears", "--filter", "min_months=x",
                                     "--out", str(tmp_path / "a.xlsx")))


def test_filters_a_clerk_would_type_are_read_or_refused_never_silently_empty(office, tmp_path):
    """Cold trial: item=装修保证金, clerk=clerk and entity=nonsense once gave 0 rows without a word."""
    every = _export(office, tmp_path / "all.xlsx")
    by_name = _export(office, tmp_path / "name.xlsx", f"clerk={every[0]['收款人']}")
    assert 0 < len(by_name) <= len(every)
    deposits = run("--db", str(office), "export", "deposits", "--filter", "item=装修保证金",
                   "--out", str(tmp_path / "d.xlsx"))
    assert deposits.returncode == 0, deposits.stderr
    line = _refused_in_one_chinese_line(run("--db", str(office), "export", "deposits", "--filter", "item=门禁卡",
                                            "--out", str(tmp_path / "d2.xlsx")))
    assert "装修保证金" in line                                # the kinds of deposit are named
    entity = _refused_in_one_chinese_line(run("--db", str(office), "--user", "admin", "export", "audit", "--filter",
                                              "entity=nonsense", "--out", str(tmp_path / "a.xlsx"),
                                              env={"PMDESK_PASSWORD": "demo123"}))
    assert "收据" in entity                                   # the kinds of record are named
    twice = _refused_in_one_chinese_line(run("--db", str(office), "export", "rooms", "--filter", "state=let",
                                             "--filter", "state=vacant", "--out", str(tmp_path / "r.xlsx")))
    assert "两次" in twice


def test_a_file_named_for_another_kind_is_refused(office, tmp_path):
    csv = tmp_path / "rooms.csv"
    line = _refused_in_one_chinese_line(run("--db", str(office), "export", "rooms", "--out", str(csv)))
    assert ".xlsx" in line and not csv.exists()


def test_refund_slip_and_close_sheet_print_by_their_numbers(office, tmp_path):
    from pypdf import PdfReader
    from models import db as dbmod
    from models.money.ledger import DailyClose, Refund
    dbmod.open_database(office)
    try:
        refund = Refund.select().first().serial
        closes = list(DailyClose.select().order_by(DailyClose.id))
        single = next(c for c in closes if sum(1 for d in closes if d.day == c.day) == 1)
        double = next((c for c in closes if sum(1 for d in closes if d.day == c.day) > 1), None)
        single_serial, single_day = single.serial, single.day.isoformat()
    finally:
        dbmod.close_database()
    slip = run("--db", str(office), "print", "refund", refund, "--out", str(tmp_path / "refund.pdf"))
    assert slip.returncode == 0, slip.stderr
    assert "退款单" in PdfReader(tmp_path / "refund.pdf").pages[0].extract_text()
    for which in (single_serial, single_day):
        sheet = run("--db", str(office), "print", "close", which, "--out", str(tmp_path / "close.pdf"))
        assert sheet.returncode == 0, sheet.stderr
        text = PdfReader(tmp_path / "close.pdf").pages[0].extract_text()
        assert "收款日结单" in text.replace(" ", "") and single_serial in text
    if double is not None:     # a day two people closed: both numbers are named, to choose one
        line = _refused_in_one_chinese_line(run("--db", str(office), "print", "close", double.day.isoformat(),
                                                "--out", str(tmp_path / "two.pdf")))
        assert "RJ" in line
    _refused_in_one_chinese_line(run("--db", str(office), "print", "refund", "2026-000001",
                                     "--out", str(tmp_path / "r.pdf")))
    _refused_in_one_chinese_line(run("--db", str(office), "print", "close", "RJ2001-999999",
                                     "--out", str(tmp_path / "c.pdf")))


def test_charge_month_still_works(office):
    env = {"PMDESK_PASSWORD": "demo123"}
    done = run("--db", str(office), "--user", "finance", "charge", "month", "2016-10", "--backdate", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].startswith("2016-10")
    again = run("--db", str(office), "--user", "finance", "charge", "month", "2016-10", "--backdate", env=env)
    _refused_in_one_chinese_line(again)
    line = _refused_in_one_chinese_line(run("--db", str(office), "charge"), code=2)   # the group alone
    assert "month" in line


def test_documents_are_gathered_with_the_actor_s_permission(estate):
    """The permission is checked in models/ (the gathering function), whoever asks: window or command line."""
    from models.errors import NotAllowed
    from models.money import documents as docs
    from models.users import Actor
    from reports.pdf.registry import make_document
    nobody = Actor("来访者", "visitor")
    for ask in (lambda: docs.receipt_for(nobody, 1), lambda: docs.refund_for(nobody, 1),
                lambda: docs.close_for(nobody, 1), lambda: docs.reminders_for(nobody, None, None)):
        with pytest.raises(NotAllowed):
            ask()
    with pytest.raises(NotAllowed):
        make_document(nobody, "card", "3-2-1201")            # records' card: records.view, checked in models/
