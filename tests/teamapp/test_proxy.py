"""Two app processes on one PostgreSQL behind a real nginx with sticky routing and one cookie secret: a user
signed in through one process continues through the other."""

from __future__ import annotations

import os
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from assessor.store import open_store
from tests.browser_helpers import browser, shot
from tests.store import postgres
from tests.teamapp import proxy, servers

pytestmark = [pytest.mark.browser, pytest.mark.slow]
__all__ = ["browser"]  # the fixture, imported so pytest finds it here


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """PostgreSQL, the provider, two team-mode app processes and nginx in front of them."""
    if not (postgres.available() and proxy.available()):
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL or nginx missing; .ci/run installs system-packages.txt")
        pytest.skip("PostgreSQL or nginx not installed")
    home = tmp_path_factory.mktemp("deploy")
    with postgres.server() as server, servers.provider(home) as issuer:
        database = postgres.fresh_database(server)
        store = open_store(database, upgrade=True)
        store.add_organisation("Northwind Labs")
        store.add_user("mia@northwind.example", ["member"], "Northwind Labs")
        mia = store.as_identity(store.identity_for("mia@northwind.example"))
        mia.create_draft({"organisation": {"name": "Northwind Labs"}}, "Shared through PostgreSQL")
        store.close()
        ports, front = [servers.free_port(), servers.free_port()], servers.free_port()
        public = f"http://127.0.0.1:{front}"
        with (
            servers.app(servers.app_env(issuer, database, home / "a", ports[0], public=public), ports[0], home),
            servers.app(servers.app_env(issuer, database, home / "b", ports[1], public=public), ports[1], home),
            proxy.nginx(home / "nginx", front, ports) as url,
        ):
            yield {"url": url, "ports": ports}


def upstream(url: str, route: str) -> str:
    """The app process nginx sends a browser with this route cookie to."""
    request = urllib.request.Request(f"{url}/_stcore/health", headers={"Cookie": f"dcr_route={route}"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return str(response.headers["X-Upstream"])


def routes(url: str) -> dict[str, str]:
    """A route cookie for each app process."""
    found: dict[str, str] = {}
    for n in range(200):
        found.setdefault(upstream(url, f"route-{n}"), f"route-{n}")
        if len(found) == 2:
            return found
    raise AssertionError(f"nginx sent 200 routes to one process only: {found}")


def test_routing_is_sticky_per_browser(deployment: dict[str, Any]) -> None:
    """One route cookie always reaches the same process; different cookies reach both."""
    url = deployment["url"]
    chosen = routes(url)
    assert {a.rsplit(":", 1)[1] for a in chosen} == {str(p) for p in deployment["ports"]}
    for address, route in chosen.items():
        assert {upstream(url, route) for _ in range(5)} == {address}


def test_signed_in_through_one_process_continues_through_the_other(browser: object, deployment: dict[str, Any]) -> None:
    """Mia signs in through nginx on one process; moved to the other, she is still signed in and sees the
    draft both read from PostgreSQL."""
    url, chosen = deployment["url"], routes(deployment["url"])
    (first, one), (second, two) = chosen.items()
    context = browser.new_context(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    context.add_cookies([{"name": "dcr_route", "value": one, "url": url}])
    page = context.new_page()
    page.set_default_timeout(45_000)
    with page.expect_response(lambda r: r.url.rstrip("/") == url) as first_page:
        page.goto(url)
    assert first_page.value.headers["x-upstream"] == first
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="mia@northwind.example").click()
    page.get_by_text("Shared through PostgreSQL").first.wait_for()
    context.add_cookies([{"name": "dcr_route", "value": two, "url": url}])
    with page.expect_response(lambda r: r.url.rstrip("/") == url) as second_page:
        page.goto(url)
    assert second_page.value.headers["x-upstream"] == second
    page.get_by_text("Signed in as").wait_for()
    page.get_by_text("Shared through PostgreSQL").first.wait_for()
    shot(page, "team-second-process")
    context.close()
