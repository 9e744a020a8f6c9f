"""Users, roles and the command-line actor."""
import pytest

from models import users
from models.errors import Conflict, NotAllowed


def test_first_administrator_then_sign_in(db):
    assert not users.has_users()
    admin = users.create_first_administrator("admin", "陈主管", "secret1")
    assert admin.role == users.ADMIN and admin.password_hash.startswith("scrypt$")
    assert "secret1" not in admin.password_hash
    assert users.authenticate("admin", "secret1").id == admin.id
    with pytest.raises(NotAllowed, match="用户名或密码错误"):
        users.authenticate("admin", "wrong")
    with pytest.raises(Conflict):
        users.create_first_administrator("admin2", "x", "secret1")


def test_roles_are_checked_in_the_domain(db, clerk, admin):
    with pytest.raises(NotAllowed):
        users.create_user(clerk, "li", "李静", users.CLERK, "secret1")
    user = users.create_user(admin, "li", "李静", users.CLERK, "secret1")
    assert users.authenticate("li", "secret1").role == users.CLERK
    users.set_user_active(admin, user.id, False)
    with pytest.raises(NotAllowed, match="停用"):
        users.authenticate("li", "secret1")


def test_command_line_actor_never_prompts(db, admin):
    actor = users.cli_actor(None, env={})
    assert actor.via == "cli" and "（命令行）" in actor.name
    users.create_user(admin, "wang", "王芳", users.CS_SUPERVISOR, "secret1")
    assert users.cli_actor("wang", env={"PMDESK_PASSWORD": "secret1"}).name == "王芳"
    with pytest.raises(NotAllowed, match="PMDESK_PASSWORD"):
        users.cli_actor("wang", env={})


def test_the_last_administrator_stays(db):
    first = users.create_first_administrator("admin", "陈主管", "secret1")
    actor = users.Actor.for_user(first)
    with pytest.raises(Conflict, match="最后一个"):
        users.set_user_active(actor, first.id, False)
    with pytest.raises(Conflict):
        users.set_user_active(actor, first.id, True, role=users.CLERK)
    assert users.User.get_by_id(first.id).role == users.ADMIN
