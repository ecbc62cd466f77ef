"""The JavaScript/TypeScript fixture projects give exactly their findings (code, file, line,
column) for the code rules (CX0xx engine checks, CX3xx auth, CX4xx secrets and transport, CX5xx
environments), and their fixes write exactly the expected text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cxone_lint.run.registry import load_registry
from cxone_lint.testing import run_project

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CODES = sorted(c for c in load_registry().rules if c.startswith(("CX0", "CX3", "CX4", "CX5")))

EXPECTED = {
    # Node back-end with axios: CSP against a Basic registration, hard-coded endpoints, a pasted
    # secret, the token logged, TLS off.
    "js-node-axios": [
        ("CX407", "src/auth.js", 6, 33),
        ("CX301", "src/auth.js", 16, 26),
        ("CX406", "src/auth.js", 17, 3),
        ("CX309", "src/config.js", 5, 26),
        ("CX503", "src/config.js", 6, 25),
        ("CX401", "src/config.js", 10, 52),
    ],
    # TypeScript with fetch/undici through a request wrapper.
    "js-node-fetch": [
        ("CX310", "src/nice/auth.ts", 4, 24),
        ("CX406", "src/nice/auth.ts", 26, 5),
        ("CX309", "src/nice/auth.ts", 37, 10),
        ("CX311", "src/nice/auth.ts", 37, 10),
        ("CX504", "src/nice/discovery.ts", 3, 26),
        ("CX408", "src/nice/http.ts", 10, 14),
        ("CX503", "src/nice/http.ts", 10, 14),
    ],
    # React SPA registered public.
    "js-spa-public": [
        ("CX303", "public/legacy-login.html", 10, 30),
        ("CX312", "src/auth/config.ts", 5, 7),
        ("CX305", "src/auth/login.ts", 27, 26),
    ],
    # Confidential web app with an Express server.
    "js-webapp-express": [
        ("CX301", "server/oauth.js", 22, 21),
        ("CX406", "server/oauth.js", 45, 3),
        ("CX401", "server/settings.js", 4, 18),
    ],
    # Near-misses only.
    "js-clean": [],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_js_fixture_findings(name: str) -> None:
    result = run_project(FIXTURES / name, CODES)
    got = sorted((d.code, d.path, d.start.line, d.start.column) for d in result.active)
    assert got == sorted(EXPECTED[name])


def test_clean_fixture_lists_what_it_skipped() -> None:
    result = run_project(FIXTURES / "js-clean", CODES)
    assert result.stats.files_skipped == {
        "dist/": "compiled output (dist/), excluded by default",
        "node_modules/": "dependencies (node_modules/), excluded by default",
        "public/vendor.min.js": "minified (.min. file)",
        "src/global.d.ts": "type declarations (.d.ts): no runtime code",
    }


def test_fixes_on_js_fixture(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "js-node-fetch", root)
    run_project(root, ["CX408"], fix=True)
    text = (root / "src/nice/http.ts").read_text(encoding="utf-8")
    assert 'const HOST = "https://api-na1.niceincontact.com";\n' in text
    shutil.copytree(FIXTURES / "js-webapp-express", tmp_path / "portal")
    run_project(tmp_path / "portal", ["CX401"], fix=True, unsafe=True)
    settings = (tmp_path / "portal/server/settings.js").read_text(encoding="utf-8")
    assert "  client_secret: process.env.CLIENT_SECRET,\n" in settings
