"""`cxone-lint review` end to end through the command line: Markdown, JSON and HTML reports."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cxone_lint.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
# Families other engineers own are left out so these outputs are exact and stable.
ONLY_MINE = ["--isolated", "--ignore", "CX0,CX1,CX2,CX3,CX4,CX5,CX8,CX9", "--no-cache"]

MANIFEST = """\
[app]
name = "Acme Wallboard"
type = "backend"
tenancy = "single"  # noqa: CX703 -- sold per customer, each registers its own copy
contacts = ["noreply@acme-corp.com", "cx-team@acme-corp.com"]
status = "enabled"
"""
APP = 'import os\n\nTOKEN = os.environ["CXONE_TOKEN"]  # noqa: CX702\n'


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for var in ("PRE_COMMIT", "PRE_COMMIT_FROM_REF"):
        monkeypatch.delenv(var, raising=False)
    (tmp_path / "cxone-app.toml").write_text(MANIFEST, encoding="utf-8")
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def review(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["review", *args])
    out, err = capsys.readouterr()
    return code, out, err


NC = "  - not checked: no git base to compare the manifest with: run with --base REF"

EXPECTED_MD = f"""\
# CXexchange technical review readiness

Checks cxone-lint ran on this integration, grouped by the stages of the CXone app lifecycle, and \
what a person still has to confirm. Source: [Your App's LifeCycle (NICE CXone developer \
portal)](https://developer.niceincontact.com/Documentation/YourAppLifeCycle).

**Not ready: 3 checks have warnings.**

| Failed | Warnings | Not checked | Suppressed | To confirm | Passed | Findings |
|---:|---:|---:|---:|---:|---:|---:|
| 0 | 3 | 6 | 2 | 13 | 2 | 3 |

- Registration manifest: cxone-app.toml
- App Acme Wallboard: backend, single, no client_id, enabled
- Files analysed: 2 (0 skipped)

| Stage | Status | Passed | Failed | Warnings | Suppressed | Not checked | To confirm |
|---|---|---:|---:|---:|---:|---:|---:|
| Registration | TO CONFIRM | 0 | 0 | 0 | 0 | 0 | 4 |
| Deploy to production | TO CONFIRM | 0 | 0 | 0 | 0 | 0 | 2 |
| Update | NOT CHECKED | 0 | 0 | 0 | 0 | 4 | 2 |
| CXexchange listing | WARNING | 1 | 0 | 3 | 2 | 0 | 2 |
| Delete | NOT CHECKED | 1 | 0 | 0 | 0 | 2 | 3 |

## Registration: TO CONFIRM

The registration form (business unit, contacts, tenancy, environments, authentication method, \
type, origins, redirects, scope) and code that authenticates the way the app is registered.

### To confirm by a person (4)

- [ ] The registration's tracking number is recorded where the team finds it, and quoted in every \
e-mail to NICE. _Why: NICE provides a tracking number for the registration; include it with any \
e-mail to NICE for timely support._
- [ ] Every technical contact is a monitored mailbox that will answer NICE. _Why: NICE sends \
notifications, including registration details, to these addresses and may contact them \
periodically to check they are active._
  - from the project: contacts noreply@acme-corp.com, cx-team@acme-corp.com (cxone-app.toml:5)
- [ ] The client_secret arrived through NICE's secure delivery and is kept only in a secret store \
(not in the repository, tickets or chat). _Why: Application secrets are sent securely; a leaked \
secret must be rotated._
- [ ] The business unit is the organisation's primary BU. _Why: With several business units, the \
registration needs the primary BU's number (ACD > ACD Configuration > Business Units)._

## Deploy to production: TO CONFIRM

The API user the app acts as, secrets and transport in the running app, the CXone environments \
the code calls, how it keeps and renews its tokens in production, and its own HTTP surface (CORS, \
routes that carry tokens).

### To confirm by a person (2)

- [ ] The API user exists in CXone as the manifest describes it: a dedicated account, no login \
authenticator for a back-end app, a unique role holding only the permissions the app needs as its \
primary role. _Why: The app has exactly the permissions and limitations of this account._
- [ ] The access key was generated on that API user and its secret is stored only in the \
production secret store. _Why: An access key secret is shown once; anyone holding it acts as the \
API user._

## Update: NOT CHECKED

Changes to the registration over time: client_id, tenant identifier, application type and \
authentication method cannot change.

### Not checked (4)

- **NOT CHECKED** `CX601` client-id-changed: The client_id is unchanged
{NC}
- **NOT CHECKED** `CX602` tenant-id-changed: The tenant identifier is unchanged
{NC}
- **NOT CHECKED** `CX603` app-type-changed: The application type is unchanged
{NC}
- **NOT CHECKED** `CX604` auth-method-changed: The authentication method is unchanged
{NC}

### To confirm by a person (2)

- [ ] Origin (CORS) changes are requested at least three weeks before the release that needs \
them. _Why: CORS updates at NICE can take up to three weeks._
- [ ] Registration changes go through the registration form, quoting the tracking number; a new \
type, tenant, client_id or authentication method is planned as a new registration. _Why: Some \
registration details cannot be changed after registration._

## CXexchange listing: WARNING

What a technical reviewer asks for before the app is listed in the CXexchange Marketplace.

### Warnings (3)

- **WARNING** `CX701` unreachable-technical-contact: Technical contact can never receive mail \
(no-reply or reserved domain)
  - `cxone-app.toml:5:13` (warning): technical contact 'noreply@acme-corp.com' can never receive \
mail: a no-reply mailbox
- **WARNING** `CX704` app-not-registered: App has no client_id: not registered yet, or not recorded
  - `cxone-app.toml:1:1` (info): no client_id recorded: the app is not registered yet, or its id \
is missing here
- **WARNING** `CX706` no-readme: Project has no README at its root
  - `cxone-app.toml:1:1` (info): no README at the project root: a reviewer starts from the \
documentation

### Suppressed (2)

- **SUPPRESSED** `CX702` suppression-without-reason: Suppression comment gives no reason
  - `app.py:3:36` (warning): suppression of CX702 gives no reason (reason: no reason given)
- **SUPPRESSED** `CX703` listed-app-single-tenant: App for a CXexchange listing is registered for \
a single tenant
  - `cxone-app.toml:4:11` (warning): registered for a single tenant, but a CXexchange listing \
serves many customers (reason: sold per customer, each registers its own copy)

<details><summary>Passed (1)</summary>

- **PASS** `CX705` app-not-enabled: The app prepared for review is enabled

</details>

### To confirm by a person (2)

- [ ] The company is a DEVone partner. _Why: Only DEVone partners can list an app in the \
CXexchange._
- [ ] The CXone Account Representative knows about the listing and the approval process \
(including the technical review) has been started. _Why: Listing requires an approval process \
that includes a technical review._

## Delete: NOT CHECKED

Retiring the app: disable first, then ask NICE to delete it.

### Not checked (2)

- **NOT CHECKED** `CX611` deleted-without-disabling: No app is deleted without being disabled first
{NC}
- **NOT CHECKED** `CX612` manifest-removed-while-enabled: No manifest or app entry is removed \
while the app is enabled
{NC}

<details><summary>Passed (1)</summary>

- **PASS** `CX613` deletion-without-issuers: Apps marked deleted record their issuers and \
client_id

</details>

### To confirm by a person (3)

- [ ] There is a plan to disable the app first (revertible) and to request deletion only once \
nothing depends on it. _Why: Deleting is a two-step process: disable, then contact the Account \
Representative._
- [ ] The list of issuers and the client_id are ready to send to the CXone Account \
Representative, including removal from the CXexchange Marketplace. _Why: NICE needs them to \
delete the app and its listing._
- [ ] NICE's deletion confirmation (about two weeks after the request) goes to a monitored \
mailbox. _Why: The app is permanently deleted after an average of two weeks._
"""


def test_markdown_report_exact(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = review(capsys, *ONLY_MINE)
    assert (code, err) == (1, "")
    assert out == EXPECTED_MD


def test_json_report_matches_markdown(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = review(capsys, *ONLY_MINE, "-o", "json")
    assert code == 1
    data = json.loads(out)
    assert data["summary"] == {
        "fail": 0,
        "warn": 3,
        "not-checked": 6,
        "suppressed": 2,
        "confirm": 13,
        "pass": 2,
        "findings": 3,
    }
    assert (data["ready"], data["status"], data["cannot_judge"]) == (False, "not-ready", None)
    assert data["verdict"] == "Not ready: 3 checks have warnings"
    assert data["source"] == {
        "text": "Your App's LifeCycle (NICE CXone developer portal)",
        "url": "https://developer.niceincontact.com/Documentation/YourAppLifeCycle",
    }
    assert [(s["id"], s["status"]) for s in data["stages"]] == [
        ("registration", "confirm"),
        ("deploy", "confirm"),
        ("update", "not-checked"),
        ("listing", "warn"),
        ("delete", "not-checked"),
    ]
    # Every item is counted once, in its stage.
    for stage in data["stages"]:
        for status, n in stage["counts"].items():
            assert n == sum(1 for i in stage["items"] if i["status"] == status)
    listing = data["stages"][3]["items"]
    assert listing[0] == {
        "status": "warn",
        "title": "Technical contact can never receive mail (no-reply or reserved domain)",
        "code": "CX701",
        "name": "unreachable-technical-contact",
        "severity": "warning",
        "findings": [
            {
                "path": "cxone-app.toml",
                "line": 5,
                "column": 13,
                "message": "technical contact 'noreply@acme-corp.com' can never receive mail: "
                "a no-reply mailbox",
                "severity": "warning",
            }
        ],
        "suppressed": [],
    }
    sup = next(i for i in listing if i.get("code") == "CX703")
    assert sup["status"] == "suppressed"
    assert sup["suppressed"][0]["reason"] == "sold per customer, each registers its own copy"
    # A passed item is worded as the check that passed, not as the failure.
    passed = next(i for i in listing if i.get("code") == "CX705")
    assert (passed["status"], passed["title"]) == ("pass", "The app prepared for review is enabled")
    # Markdown and JSON agree on the summary.
    _, md, _ = review(capsys, *ONLY_MINE)
    counts = md.splitlines()[8]
    assert counts == "| 0 | 3 | 6 | 2 | 13 | 2 | 3 |"


def test_base_makes_update_checks_run(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    git = ["git", "-c", "user.email=a@acme-corp.com", "-c", "user.name=A"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "x"], check=True)
    text = MANIFEST.replace('type = "backend"', 'type = "public"')
    (project / "cxone-app.toml").write_text(text, encoding="utf-8")
    code, out, _ = review(capsys, *ONLY_MINE, "--base", "HEAD", "-o", "json")
    assert code == 1
    data = json.loads(out)
    update = next(s for s in data["stages"] if s["id"] == "update")
    assert [(i.get("code"), i["status"]) for i in update["items"] if i.get("code")] == [
        ("CX603", "fail"),
        ("CX601", "pass"),
        ("CX602", "pass"),
        ("CX604", "pass"),
    ]
    assert data["base"] == "HEAD"
    assert data["summary"]["not-checked"] == 0


def test_html_report_is_self_contained(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, html, _ = review(capsys, *ONLY_MINE, "--output-format", "html")
    assert code == 1
    assert html.startswith("<!DOCTYPE html>\n")
    lowered = html.lower()
    for external in ("<script", "<link", "src=", "@import", "url("):
        assert external not in lowered
    # The hrefs are in-page anchors, and the link to the lifecycle the stages come from.
    assert set(re.findall(r'href="([^"]*)"', html)) == {
        "https://developer.niceincontact.com/Documentation/YourAppLifeCycle",
        "#stage-registration",
        "#stage-deploy",
        "#stage-update",
        "#stage-listing",
        "#stage-delete",
    }
    assert "@media print" in html
    counts = dict(re.findall(r'id="count-([a-z-]+)" data-count="(\d+)"', html))
    assert counts == {
        "fail": "0",
        "warn": "3",
        "not-checked": "6",
        "suppressed": "2",
        "confirm": "13",
        "pass": "2",
        "findings": "3",
    }
    assert (
        '<header class="verdict verdict-fail" id="verdict" data-ready="false" '
        'data-status="not-ready">'
    ) in html
    # What passed is folded until opened; the source is a link.
    assert '<details class="passed"><summary>Passed (1)</summary>' in html
    assert (
        'Source: <a href="https://developer.niceincontact.com/Documentation/YourAppLifeCycle">'
        "Your App&#x27;s LifeCycle (NICE CXone developer portal)</a>."
    ) in html


def test_output_file_and_exit_codes(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = project / "review.html"
    code, out, err = review(capsys, *ONLY_MINE, "-o", "html", "--output", str(target))
    assert (code, out) == (1, "")
    assert err == f"cxone-lint: wrote {target} (Not ready: 3 checks have warnings)\n"
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert review(capsys, *ONLY_MINE, "--exit-zero")[0] == 0
    code, out, err = review(capsys, *ONLY_MINE, "--base", "no-such-ref")
    assert (code, out) == (2, "")
    assert "--base: " in err
    assert review(capsys, "-o", "pdf")[0] == 2


def test_ready_when_nothing_fails(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (project / "README.md").write_text("# Acme Wallboard\n", encoding="utf-8")
    (project / "cxone-app.toml").write_text(
        MANIFEST.replace('"noreply@acme-corp.com", ', "").replace(
            'type = "backend"', 'type = "backend"\nclient_id = "5c0ffee0"'
        ),
        encoding="utf-8",
    )
    (project / "app.py").write_text("import os\n", encoding="utf-8")
    code, out, _ = review(capsys, *ONLY_MINE)
    assert code == 0
    assert out.splitlines()[4] == (
        "**No check failed; 6 checks could not run; 13 items to confirm by a person.**"
    )


SECRET = "Zq8vR2mW7tY4pL9xK3cN6bH1jF5dS0aG"


def test_no_secret_value_in_any_format(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    shutil_copy = (FIXTURES / "backend-clean" / "cxone-app.toml").read_text(encoding="utf-8")
    (tmp_path / "cxone-app.toml").write_text(shutil_copy, encoding="utf-8")
    (tmp_path / "settings.py").write_text(
        f'CLIENT_ID = "6f1c2a4e"\nCLIENT_SECRET = "{SECRET}"\n'
        f'ACCESS_KEY_SECRET = "{SECRET}"  # noqa: CX402 -- rotated\n',
        encoding="utf-8",
    )
    for fmt in ("md", "html", "json"):
        code, out, _ = review(capsys, "--isolated", "--no-cache", "-o", fmt)
        assert code == 1
        assert SECRET not in out
        assert SECRET[:12] not in out


@pytest.mark.parametrize("fixture", ["backend-clean", "backend-bad-registration", "review-ready"])
def test_fixture_reports_are_consistent(fixture: str, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    monkeypatch.chdir(FIXTURES / fixture)
    code, out, _ = review(capsys, "--no-cache", "-o", "json")
    data = json.loads(out)
    summary = data["summary"]
    items = [i for s in data["stages"] for i in s["items"]]
    for status in ("fail", "warn", "not-checked", "suppressed", "confirm", "pass"):
        assert summary[status] == sum(1 for i in items if i["status"] == status)
    assert code == (0 if data["ready"] else 1)
    # Each failed item carries file:line evidence inside the fixture.
    for item in items:
        if item["status"] in ("fail", "warn"):
            assert item["findings"]
            for f in item["findings"]:
                assert (FIXTURES / fixture / f["path"]).is_file()
                assert f["line"] >= 1


def test_review_ready_fixture(capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    monkeypatch.chdir(FIXTURES / "review-ready")
    code, out, _ = review(capsys, "--no-cache")
    assert code == 0
    lines = out.splitlines()
    assert lines[4] == (
        "**No check failed; 6 checks could not run; 13 items to confirm by a person.**"
    )
    assert lines[8].startswith("| 0 | 0 | 6 | 0 | 13 | ")
    assert "| CXexchange listing | TO CONFIRM | 6 | 0 | 0 | 0 | 0 | 2 |" in lines
    assert "**FAIL**" not in out


def test_cannot_judge_without_a_manifest_or_without_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing failing is no readiness when the registration was never checked."""
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "settings.toml").write_text('[service]\nname = "wallboard"\n', encoding="utf-8")
    code, out, _ = review(capsys, "--isolated", "--no-cache", "-o", "json")
    data = json.loads(out)
    assert code == 1
    assert (data["ready"], data["status"]) == (False, "cannot-judge")
    assert data["verdict"] == (
        "Cannot judge the readiness: no registration manifest (cxone-app.toml) found, so the "
        "registration, the API user and the code against the registration were not checked"
    )
    code, html, _ = review(capsys, "--isolated", "--no-cache", "-o", "html")
    assert '<header class="verdict verdict-unknown" id="verdict" data-ready="false" ' in html
    (tmp_path / "settings.toml").unlink()
    code, out, _ = review(capsys, "--isolated", "--no-cache")
    assert code == 1
    assert out.splitlines()[4] == (
        "**Cannot judge the readiness: no file was analysed, so nothing was checked.**"
    )


def test_warnings_below_fail_on_do_not_block(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (project / "cxone-lint.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    code, out, _ = review(capsys, *[a for a in ONLY_MINE if a != "--isolated"])
    assert code == 0
    assert out.splitlines()[4] == (
        "**No check failed; 3 checks have notes below fail-on; 6 checks could not run; 13 items "
        "to confirm by a person.**"
    )
