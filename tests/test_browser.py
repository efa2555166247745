"""The app in a real browser: Playwright drives Debian's Chromium against a real Streamlit server."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.browser_helpers import TIMEOUT_MS, shot
from tests.browser_helpers import browser as browser
from tests.browser_helpers import server as server
from tests.conftest import ROOT, load_yaml

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_upload_results_pdf_and_restore(server: str, browser: object) -> None:
    """Upload an example, read its level, download the PDF, refresh and find the draft restored."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)  # type: ignore[attr-defined]
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(server)
    page.get_by_text("Start an assessment").wait_for()
    shot(page, "1-overview")

    page.locator("input[type=file]").first.set_input_files(str(ROOT / "examples" / "developing-lab.yaml"))
    page.get_by_text("Valid · readiness level").wait_for()
    assert "readiness level 1 (Foundational)" in page.get_by_text("Valid · readiness level").inner_text()
    assert "draft=" in page.url
    shot(page, "2-self-assessment")
    page.get_by_role("tab", name="TK").click()
    page.get_by_text("DCRS-TK-06").first.wait_for()
    shot(page, "3-self-assessment-toolkit")

    page.get_by_role("link", name="Results").click()
    page.get_by_text("Claimed and supported status").wait_for()
    assert page.locator("[data-testid=stMetricValue]").first.inner_text().strip() == "1"
    shot(page, "4-results")
    with page.expect_download(timeout=90_000) as download:
        page.get_by_role("button", name="PDF report").click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF-")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages[:3])
    assert "Northwind Labs" in text

    page.reload()
    page.get_by_text("Claimed and supported status").wait_for()
    assert page.locator("[data-testid=stMetricValue]").first.inner_text().strip() == "1"
    page.get_by_role("link", name="Standard").click()
    page.get_by_text("requirements", exact=False).first.wait_for()
    shot(page, "5-standard")
    page.close()


def test_review_verdict_and_verified_pdf(server: str, browser: object) -> None:
    """An auditor loads a signed-off review, changes one verdict with its rationale and downloads the verified
    PDF."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)  # type: ignore[attr-defined]
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(server)
    page.locator("input[type=file]").first.set_input_files(str(ROOT / "examples" / "mature-lab.yaml"))
    page.get_by_text("Valid · readiness level").wait_for()
    page.get_by_role("link", name="Auditor review").click()
    page.locator("input[type=file]").set_input_files(str(ROOT / "examples" / "reviews" / "mature-lab-review.yaml"))
    page.get_by_text("Verified level").wait_for()
    page.get_by_role("tab", name="TK").click()
    card = page.locator("[data-testid=stVerticalBlock]", has_text="DCRS-TK-05").last  # innermost: the card
    status = card.locator("[data-testid=stSelectbox] input")
    status.click()
    status.fill("not_implemented")  # type to filter the options, as a keyboard user would
    status.press("Enter")
    # The status change re-runs the app; a rationale typed while that run redraws the card can be lost.
    card.get_by_text("verified not_implemented").wait_for()
    rationale = card.get_by_label("Rationale (required when it differs from the claim)")
    rationale.fill("No rollback of API traffic was observed.")
    rationale.press("Control+Enter")
    shot(page, "6-review")
    page.get_by_role("tab", name="Download").click()
    # A tab switch does not re-run the app: on a loaded machine the first click can reach the button of the run
    # before the one that applied the rationale, so the download is taken again while that run is pending.
    for _ in range(5):
        with page.expect_download(timeout=90_000) as download:
            page.get_by_role("button", name="Verified report (PDF)").click()
        pdf = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
        text = " ".join("".join(p.extract_text() for p in pdf.pages[:6]).split())
        if "No rollback of API traffic was observed." in text:
            break
    assert "Independent verification" in text and "No rollback of API traffic was observed." in text
    page.close()


PAYLOAD_HOST = "attacker.example"
PAYLOAD = (
    f"![pixel](https://{PAYLOAD_HOST}/pixel.png) [click me](https://{PAYLOAD_HOST}/go) "
    f"<img src=https://{PAYLOAD_HOST}/raw.png> https://{PAYLOAD_HOST}/bare :red[alarm]"
)


def test_submission_text_never_renders_as_markdown(server: str, browser: object, tmp_path: Path) -> None:
    """Image-and-link payloads in a submission's texts make no request and no link on any page."""
    import yaml

    data = load_yaml((ROOT / "examples" / "mature-lab.yaml").read_text(encoding="utf-8"))
    data["organisation"]["name"] = "Evil " + PAYLOAD
    data["evidence"][0]["title"] = PAYLOAD
    data["responses"][0]["narrative"] = PAYLOAD
    upload = tmp_path / "payload.yaml"
    upload.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    page.set_default_timeout(TIMEOUT_MS)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(server)
    page.get_by_role("region", name="Submission file").locator("input[type=file]").set_input_files(str(upload))
    page.get_by_text("Valid · readiness level").wait_for()
    visited = ["self-assessment"]
    for link, marker in (("Results", "Claimed and supported status"), ("Overview", "Your drafts")):
        page.get_by_role("link", name=link).click()
        page.get_by_text(marker, exact=True).first.wait_for()
        visited.append(link)
        _assert_inert(page, requested)
    page.get_by_role("link", name="Auditor review").click()
    page.get_by_role("button", name="Start a review").click()
    page.get_by_role("tab", name="AC").click()
    page.get_by_text("[click me]").first.wait_for()  # the narrative, shown as its literal characters
    _assert_inert(page, requested)
    shot(page, "7-payload-as-text")
    page.close()
    assert len(visited) == 3


def _assert_inert(page: object, requested: list[str]) -> None:
    page.wait_for_timeout(500)  # type: ignore[attr-defined]  # let any image start loading
    assert not [url for url in requested if PAYLOAD_HOST in url]
    links = page.locator(f"a[href*='{PAYLOAD_HOST}'], img[src*='{PAYLOAD_HOST}']")  # type: ignore[attr-defined]
    assert links.count() == 0, [
        links.nth(i).evaluate("e => e.parentElement.outerHTML")[:400] for i in range(links.count())
    ]
    assert page.get_by_text("![pixel]").count() > 0  # type: ignore[attr-defined]  # the payload is on the page, as text


SHORT_PAYLOAD = f"![p](https://{PAYLOAD_HOST}/i)[x](https://{PAYLOAD_HOST})"  # fits a certificate's 64-char CN


def _payload_case(tmp_path: Path, case: str) -> Path:
    """A DCRS 1.1.0 calibration case with the payload in every model name and evidence title."""
    import yaml

    data = load_yaml((ROOT / "tests" / "data" / "calibration" / case).read_text(encoding="utf-8"))
    renamed = {m["name"]: f"M{i} {PAYLOAD}" for i, m in enumerate(data["profile"]["models"])}
    for model in data["profile"]["models"]:
        model["name"] = renamed[model["name"]]
    for item in data["evidence"]:
        item["title"] = f"{item['title']} {PAYLOAD}"
        if isinstance(item.get("models"), list):
            item["models"] = [renamed.get(name, name) for name in item["models"]]
    path = tmp_path / case
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _signed_payload_report(tmp_path: Path) -> Path:
    """A PDF report signed by a certificate whose subject is an image-and-link payload."""
    import assessor
    from tests.pki import make_pki

    pki = make_pki(tmp_path / "pki", signer=SHORT_PAYLOAD)
    out = tmp_path / "signed.pdf"
    assessor.write_pdf(assessor.assess(ROOT / "examples" / "mature-lab.yaml"), out,
                       signer=assessor.load_signer(pki.key, cert=pki.cert))  # fmt: skip
    return out


def test_model_names_evidence_titles_and_certificates_never_render(
    server: str, browser: object, tmp_path: Path
) -> None:
    """Payloads in 1.1.0 model names (headline, scope caveat), evidence titles (the "Needs review" reasons) and a
    signing certificate's subject (the report check) make no request to the payload's host and no link."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    page.set_default_timeout(TIMEOUT_MS)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    seen = []
    for case, marker in (("06-open-weights-side-model.yaml", "Holds for"), ("10-profile-contradiction.yaml",
                                                                           "Needs review")):  # fmt: skip
        page.goto(server)
        region = page.get_by_role("region", name="Submission file")
        region.locator("input[type=file]").set_input_files(str(_payload_case(tmp_path, case)))
        page.get_by_text("Valid · readiness level").wait_for()
        page.get_by_role("link", name="Results").click()
        page.get_by_text(marker).first.wait_for()
        _assert_inert(page, requested)
        seen.append(case)
    page.goto(server)
    page.get_by_text("Check a signed report").wait_for()
    report = page.get_by_role("region", name="Report (PDF, or JSON result)").locator("input[type=file]")
    with ThreadPoolExecutor(1) as pool:  # pyHanko runs its own event loop; Playwright's is running here
        signed = pool.submit(_signed_payload_report, tmp_path).result()
    report.set_input_files(str(signed))
    page.get_by_text("Signed by").wait_for()
    page.wait_for_timeout(500)  # type: ignore[attr-defined]
    assert not [url for url in requested if PAYLOAD_HOST in url]
    assert page.locator(f"a[href*='{PAYLOAD_HOST}'], img[src*='{PAYLOAD_HOST}']").count() == 0
    assert page.get_by_text("![p]").count() > 0  # the subject is on the page, as text
    shot(page, "8-certificate-as-text")
    page.close()
    assert len(seen) == 2
