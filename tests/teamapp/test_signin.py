"""Team mode end to end: Chromium signs in through a real OpenID Connect provider (oidc-provider-mock) to a
real `dcr app`; what each user sees is what the store lets it see."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assessor.store import Store, open_store
from tests.browser_helpers import browser, shot
from tests.conftest import EXAMPLES, load_yaml
from tests.teamapp import servers

pytestmark = [pytest.mark.browser, pytest.mark.slow]
__all__ = ["browser"]  # the fixture, imported so pytest finds it here
TIMEOUT_MS = 45_000


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A provider, a store with two labs, a reviewer and work of each, and a team-mode app over them."""
    home = tmp_path_factory.mktemp("home")
    database = f"sqlite:///{home / 'dcr.sqlite3'}"
    seeded = seed(open_store(database))
    port = servers.free_port()
    with servers.provider(home) as issuer:
        env = servers.app_env(issuer, database, home, port)
        with servers.app(env, port, home) as url:
            yield {"url": url, "issuer": issuer, "database": database, "home": home, **seeded}


def seed(store: Store) -> dict[str, Any]:
    """Northwind (mia) and Meridian (noah) each with a draft; Northwind's submitted, assigned to rita, reviewed."""
    for org, user in (("Northwind Labs", "mia@northwind.example"), ("Meridian AI", "noah@meridian.example")):
        store.add_organisation(org)
        store.add_user(user, ["member"], org)
    store.add_user("rita@regulator.example", ["reviewer"])
    data = load_yaml(EXAMPLES[0].read_text(encoding="utf-8"))
    mia = store.as_identity(store.identity_for("mia@northwind.example"))
    noah = store.as_identity(store.identity_for("noah@meridian.example"))
    north = mia.create_draft(_json(data), "Northwind's own draft")
    merid = noah.create_draft(_json(data), "Meridian's own draft")
    sub = mia.submit(north.id, north.version)
    sub = store.assign(sub.id, "rita@regulator.example", sub.version)
    rita = store.as_identity(store.identity_for("rita@regulator.example"))
    rita.save_review(sub.id, {"scope": "Rita's notes, not yet shared"}, rita.review(sub.id).version)
    store.close()
    return {"north": north.id, "merid": merid.id, "submission": sub.id}


def _json(data: Any) -> Any:
    return json.loads(json.dumps(data, default=str))


def signed_in(browser: object, team: dict[str, Any], user: str) -> Any:
    """A fresh browser context signed in as `user` through the provider's form."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(team["url"])
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name=user).click()  # the provider's predefined user
    page.get_by_text("Signed in as").wait_for()
    return page


def test_two_organisations_each_see_only_their_own_work(browser: object, team: dict[str, Any]) -> None:
    """Mia sees Northwind's draft and not Meridian's, Noah the reverse, and a crafted URL opens nothing."""
    for user, mine, theirs in (("mia@northwind.example", "Northwind's own draft", "Meridian's own draft"),
                               ("noah@meridian.example", "Meridian's own draft", "Northwind's own draft")):  # fmt: skip
        page = signed_in(browser, team, user)
        page.get_by_text(mine).first.wait_for()
        assert page.get_by_text(theirs).count() == 0
        shot(page, f"team-overview-{user.split('@')[0]}")
        other = team["merid"] if user.startswith("mia") else team["north"]
        page.goto(f"{team['url']}/self-assessment?draft={other}")
        page.get_by_text("No assessment is open").wait_for()
        page.context.close()


def test_a_reviewer_sees_the_assigned_submission_and_cannot_edit_it(browser: object, team: dict[str, Any]) -> None:
    """Rita sees the submission assigned to her but no draft to edit; the lab's draft URL opens nothing."""
    page = signed_in(browser, team, "rita@regulator.example")
    page.goto(f"{team['url']}/submissions")
    page.get_by_text("Northwind's own draft").first.wait_for()
    page.get_by_text("Ask the lab for information").wait_for()
    shot(page, "team-reviewer-submissions")
    page.goto(f"{team['url']}/self-assessment?draft={team['north']}")
    page.get_by_text("No assessment is open").wait_for()
    page.context.close()


def test_a_lab_member_cannot_read_the_review_before_it_is_shared(browser: object, team: dict[str, Any]) -> None:
    """Mia sees her submission under review, not the reviewer's notes or a review download."""
    page = signed_in(browser, team, "mia@northwind.example")
    page.goto(f"{team['url']}/submissions")
    page.get_by_text("The review is shown here once it is signed off").wait_for()
    assert page.get_by_text("Rita's notes").count() == 0
    assert page.get_by_role("button", name="Review (YAML)").count() == 0
    shot(page, "team-lab-submissions")
    page.context.close()


def test_a_forged_state_is_turned_away_without_a_traceback(browser: object, team: dict[str, Any]) -> None:
    """A callback with a forged (or replayed) state parameter lands on the sign-in page, signed out."""
    page = browser.new_page()  # type: ignore[attr-defined]
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{team['url']}/oauth2callback?state=forged&code=stolen")
    page.get_by_role("button", name="Sign in").wait_for()
    assert "Traceback" not in page.content()
    page.close()


def test_a_replayed_callback_signs_nobody_in(browser: object, team: dict[str, Any]) -> None:
    """The callback URL of a real sign-in (state and code), replayed in another browser, ends on the sign-in page
    with nobody signed in and no traceback; the first browser stays signed in."""
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    callbacks: list[str] = []
    page.on("request", lambda request: callbacks.append(request.url) if "/oauth2callback?" in request.url else None)
    page.goto(team["url"])
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="mia@northwind.example").click()
    page.get_by_text("Signed in as").wait_for()
    assert callbacks and "state=" in callbacks[0] and "code=" in callbacks[0]
    other = browser.new_context()  # type: ignore[attr-defined]
    replay = other.new_page()
    replay.set_default_timeout(TIMEOUT_MS)
    replay.goto(callbacks[0])
    replay.get_by_role("button", name="Sign in").wait_for()
    assert replay.get_by_text("Signed in as").count() == 0 and "Traceback" not in replay.content()
    assert replay.get_by_text("Northwind's own draft").count() == 0
    other.close()
    page.reload()
    page.get_by_text("Signed in as").wait_for()
    context.close()


def test_an_unregistered_account_is_told_so(browser: object, team: dict[str, Any]) -> None:
    """A user the provider knows but the store does not gets a 'not registered' page, not any data."""
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(team["url"])
    page.get_by_role("button", name="Sign in").click()
    page.locator("input[name=sub]").fill("stranger@nowhere.example")
    page.get_by_role("button", name="Authorize").click()
    page.get_by_text("Not registered").wait_for()
    assert page.get_by_text("Northwind").count() == 0
    context.close()


def test_a_broken_identity_provider_is_a_clear_message(browser: object, team: dict[str, Any], tmp_path: Path) -> None:
    """An app whose provider does not answer says so on its sign-in page, with no traceback."""
    port, dead = servers.free_port(), servers.free_port()
    env = servers.app_env(f"http://127.0.0.1:{dead}", team["database"], tmp_path, port)
    with servers.app(env, port, tmp_path) as url:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(url)
        page.get_by_text("The identity provider cannot be reached").wait_for()
        assert "Traceback" not in page.content()
        page.close()


def test_an_expired_sign_in_asks_to_sign_in_again(browser: object, team: dict[str, Any], tmp_path: Path) -> None:
    """With sign-ins lasting zero hours, a signed-in user is shown the expired page, not the app."""
    port = servers.free_port()
    env = servers.app_env(team["issuer"], team["database"], tmp_path, port, DCR_SESSION_HOURS="0")
    with servers.app(env, port, tmp_path) as url:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(url)
        page.get_by_role("button", name="Sign in").click()
        page.get_by_role("button", name="mia@northwind.example").click()
        page.get_by_text("Your sign-in has expired").wait_for()
        assert page.get_by_text("Northwind's own draft").count() == 0
        page.close()


def test_the_provider_is_reachable(team: dict[str, Any]) -> None:
    """Guard: the provider answers its discovery document (the tests above ran against it)."""
    with urllib.request.urlopen(f"{team['issuer']}/.well-known/openid-configuration", timeout=5) as response:
        assert b"authorization_endpoint" in response.read()
