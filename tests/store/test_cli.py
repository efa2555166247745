"""`dcr db upgrade`, `dcr users add|list|role`: thin verbs with clear errors and exit codes."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import CliResult


def test_upgrade_users_and_roles(db_url: str, dcr: Callable[..., CliResult]) -> None:
    """Upgrade creates the schema (then reports it current); users are added with organisations, listed, and
    their roles replaced; every change is in the verified log."""
    assert "upgraded from nothing to schema 0002" in dcr("db", "upgrade", "--database", db_url).err
    assert "already at schema 0002" in dcr("db", "upgrade", "--database", db_url).err
    assert (
        dcr("users", "add", "mia", "--role", "member", "--organisation", "Meridian AI", "--database", db_url).code == 0
    )
    assert dcr("users", "add", "rita", "--role", "reviewer", "--database", db_url).code == 0
    assert dcr("users", "role", "rita", "reviewer", "approver", "--database", db_url).code == 0
    listed = dcr("users", "list", "--database", db_url).out.splitlines()
    assert listed == ["mia\tmember\tMeridian AI", "rita\tapprover,reviewer\t"]
    assert "(4 events)" in dcr("log", "verify", "--database", db_url).out


def test_user_mistakes_are_messages_not_tracebacks(db_url: str, dcr: Callable[..., CliResult]) -> None:
    """A duplicate user, a member without an organisation and an unknown user are refused with a message."""
    dcr("db", "upgrade", "--database", db_url)
    dcr("users", "add", "mia", "--role", "reviewer", "--database", db_url)
    for args, words, code in (
        (("users", "add", "mia", "--role", "reviewer"), "exists already", 12),
        (("users", "add", "solo", "--role", "member"), "needs an organisation", 12),
        (("users", "role", "nobody", "reviewer"), "no user", 14),
    ):
        result = dcr(*args, "--database", db_url)
        assert (result.code, words in result.err, "Traceback" in result.err) == (code, True, False), result.err
