"""`dcr users`: add users, list them, change their roles (as the local administrator)."""

from __future__ import annotations

import click

from assessor.cli.db import database_option
from assessor.cli.output import quiet_option, say

ROLE_CHOICE = click.Choice(["member", "reviewer", "approver", "administrator"])


@click.group("users")
def users() -> None:
    """The store's users and their roles: member (of an organisation), reviewer, approver, administrator."""


@users.command("add")
@click.argument("name")
@click.option("--role", "roles", type=ROLE_CHOICE, multiple=True, required=True, help="A role (repeatable).")
@click.option("--organisation", default=None, help="The lab the user belongs to (created on first mention).")
@database_option
@quiet_option
def add(name: str, roles: tuple[str, ...], organisation: str | None, url: str | None) -> None:
    """Add the user NAME (the name it signs in with) with its roles."""
    from assessor import api_store

    user = api_store.add_user(name, list(roles), organisation, url)
    say(f"Added {user['name']} ({', '.join(user['roles'])}){f' of {organisation}' if organisation else ''}")


@users.command("list")
@database_option
def list_(url: str | None) -> None:
    """Every user: name, roles, organisation (tab-separated)."""
    from assessor import api_store

    for user, organisation in api_store.list_users(url):
        click.echo(f"{user['name']}\t{','.join(user['roles'])}\t{organisation}")


@users.command("role")
@click.argument("name")
@click.argument("roles", nargs=-1, required=True, type=ROLE_CHOICE)
@database_option
@quiet_option
def role(name: str, roles: tuple[str, ...], url: str | None) -> None:
    """Replace the roles of the user NAME with ROLES."""
    from assessor import api_store

    user = api_store.set_roles(name, list(roles), url)
    say(f"{user['name']} is now {', '.join(user['roles'])} (version {user.version})")
