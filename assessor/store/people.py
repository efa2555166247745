"""Organisations and users: administrators manage them; everyone can be turned from a user name into an identity."""

from __future__ import annotations

from sqlalchemy import Connection, select

from assessor.store.base import Base
from assessor.store.errors import Conflict, NotFound
from assessor.store.identity import ROLES, Identity
from assessor.store.records import Record, Tx, to_record, within
from assessor.store.schema import SHORT, organisations, users


def checked_roles(roles: list[str] | tuple[str, ...] | frozenset[str], organisation: str | None) -> list[str]:
    """Roles sorted, each known, and `member` only with an organisation."""
    unknown = sorted(set(roles) - set(ROLES))
    if unknown:
        raise Conflict(f"unknown role(s) {', '.join(unknown)}: use {', '.join(ROLES)}")
    if "member" in roles and not organisation:
        raise Conflict("a lab member needs an organisation (--organisation)")
    return sorted(set(roles))


class People(Base):
    """Organisations, users and identities."""

    def add_organisation(self, name: str) -> Record:
        """A new organisation (administrators only)."""
        self.require_admin()
        with self.writing() as tx:
            return self._organisation(tx, name, create=True)

    def _organisation(self, tx: Tx, name: str, *, create: bool) -> Record:
        row = tx.connection.execute(select(organisations).where(organisations.c.name == name)).first()
        if row is not None and not create:
            return to_record("organisation", row)
        if row is not None:
            raise Conflict(f"organisation {name!r} exists already")
        return tx.insert("organisation", {"name": within("organisation name", name, SHORT)})

    def organisations(self) -> list[Record]:
        """The organisations the identity may see (its own; all for an administrator)."""
        with self.reading() as connection:
            return sorted(self.every(connection, "organisation"), key=lambda r: r["name"])

    def add_user(self, name: str, roles: list[str], organisation: str | None = None, display: str = "") -> Record:
        """A new user with roles, in an organisation (created on first mention) when given."""
        self.require_admin()
        with self.writing() as tx:
            if tx.connection.execute(select(users.c.id).where(users.c.name == name)).first() is not None:
                raise Conflict(f"user {name!r} exists already")
            org = self._organisation(tx, organisation, create=False).id if organisation else None
            display = within("display name", display or name, SHORT)
            values = {"name": within("user name", name, SHORT), "display": display, "organisation_id": org,
                      "roles": checked_roles(roles, org)}  # fmt: skip
            return tx.insert("user", values)

    def users(self) -> list[Record]:
        """The users the identity may see (itself; all for an administrator), by name."""
        with self.reading() as connection:
            return sorted(self.every(connection, "user"), key=lambda r: r["name"])

    def set_roles(self, name: str, roles: list[str], *, based_on: int | None = None) -> Record:
        """Replace a user's roles (administrators only); StaleRecord when `based_on`, the version the caller saw,
        is given and the user changed since (without it, the roles replace whatever is stored)."""
        self.require_admin()
        with self.writing() as tx:
            user = self.find(tx.connection, "user", "", name=name)
            roles = checked_roles(roles, user["organisation_id"])
            seen = user.version if based_on is None else based_on
            return tx.update("user", user.id, seen, {"roles": roles}, action="roles", current=user)

    def identity_for(self, name: str) -> Identity:
        """The identity of a stored user (sign-in maps the signed-in name to it); NotFound for an unknown one."""
        with self.reading() as connection:
            return identity_of(connection, name)


def identity_of(connection: Connection, name: str) -> Identity:
    """A stored user as an Identity."""
    row = connection.execute(select(users).where(users.c.name == name)).first()
    if row is None:
        raise NotFound("user", name)
    user = to_record("user", row)
    return Identity(user["name"], frozenset(user["roles"]), user["organisation_id"], user.id)
