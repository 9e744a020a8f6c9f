"""Running the office: audit log, users, office settings, roster import."""
from __future__ import annotations

from ui.modules import Module, Page, register


def _audit(ctx):
    from models.listing import get_list
    from ui.widgets.list_page import ListPage
    return ListPage(ctx, get_list("audit"), kinds=("*",))


def _users(ctx):
    from ui.admin.users_page import UsersPage
    return UsersPage(ctx)


def _settings(ctx):
    from ui.admin.settings_page import SettingsPage
    return SettingsPage(ctx)


def _import(ctx):
    from ui.admin.import_page import ImportPage
    return ImportPage(ctx)


register(Module(
    key="admin", title="Administration", order=90,
    pages=[Page("import", "Import rosters", _import, permission=("records.import", "money.opening")),
           Page("audit", "Audit log", _audit, permission="audit.view"),
           Page("users", "Users", _users, permission="users.manage"),
           Page("settings", "Office settings", _settings, permission="settings.edit")],
))
