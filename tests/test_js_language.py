"""The JavaScript/TypeScript language entry: grammars, embedded scripts, positions, comments,
syntax errors, skipped files, and the CLI as a user sees it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cxone_rules.extract.javascript import analyse

from cxone_lint.api.facts import encode_batch
from cxone_lint.cli.main import main
from cxone_lint.languages import javascript as js
from cxone_lint.testing import run_project, strip_markers, write_project

SECRET = "Z61a7LXyT2nXW5uKcrHfkIw3oOyynsKfqIjsG8f4"  # invented, valid nowhere


def findings(root: Path, select: list[str]) -> list[tuple[str, str, int, int]]:
    result = run_project(root, select)
    return sorted((d.code, d.path, d.start.line, d.start.column) for d in result.active)


@pytest.mark.parametrize(
    ("name", "grammar"),
    [
        ("a.js", "javascript"),
        ("a.mjs", "javascript"),
        ("a.cjs", "javascript"),
        ("a.jsx", "javascript"),
        ("a.ts", "typescript"),
        ("a.mts", "typescript"),
        ("a.cts", "typescript"),
        ("a.tsx", "tsx"),
        ("page.vue", None),
        ("page.html", None),
    ],
)
def test_grammar_by_extension(name: str, grammar: str | None) -> None:
    assert js.grammar_for(name) == grammar


def test_ampersand_in_jsx_text_is_the_grammars_error_not_the_files() -> None:
    # tree-sitter-typescript 0.23 rejects `Tom & Jerry` in JSX text (valid JSX).
    assert js.parse("const a = <p>Tom & Jerry</p>;\n", "a.tsx").errors == []
    assert js.parse("const a = <p>{b</p>;\n", "a.tsx").errors != []


def test_typescript_casts_and_jsx_parse_with_their_own_grammar() -> None:
    assert js.parse("const a = <string>b;\n", "a.ts").errors == []
    assert js.parse("const a = <div>{b}</div>;\n", "a.tsx").errors == []
    assert js.parse("const a = <div>{b}</div>;\n", "a.jsx").errors == []


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        ("types/api.d.ts", "export declare const x: string;\n", "type declarations (.d.ts)"),
        ("vendor.min.js", "var a=1;\n", "minified (.min. file)"),
        ("bundle.js", "var a=1;" * 400, "minified (lines average 3200 characters)"),
    ],
)
def test_skip_reasons(name: str, text: str, reason: str) -> None:
    got = js.skip_reason(name, text)
    assert got is not None and got.startswith(reason)


def test_script_blocks_keep_the_files_positions(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "web/App.vue": "<template>\n  <p>{{ msg }}</p>\n</template>\n"
            '<script setup lang="ts">\n'
            "const msg: string = 'hi'\n"
            f"const clientSecret = '{SECRET}'\n"
            "</script>\n",
            "web/index.html": "<html><body>\n"
            '<script type="application/json">{"clientSecret": "x"}</script>\n'
            '<script src="app.js"></script>\n'
            "<script>\n"
            f"  var client_secret = '{SECRET}';\n"
            "</script>\n</body></html>\n",
            "web/Login.svelte": "<script>\n"
            "  const url = 'http://cxone.niceincontact.com/auth/authorize';\n"
            "</script>\n<a href={url}>Log in</a>\n",
        },
    )
    assert findings(tmp_path, ["CX401", "CX408"]) == [
        ("CX401", "web/App.vue", 6, 22),
        ("CX401", "web/index.html", 5, 23),
        ("CX408", "web/Login.svelte", 2, 15),
    ]


def test_columns_count_characters_not_bytes(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {"src/é.ts": f"const café = '☕'; const 秘密 = 1; const clientSecret = '{SECRET}';\n"},
    )
    assert findings(tmp_path, ["CX401"]) == [("CX401", "src/é.ts", 1, 54)]


def test_suppressions_in_line_and_block_comments(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "a.ts": f"const clientSecret = '{SECRET}'; // noqa: CX401 -- rotated, test tenant\n",
            "b.ts": f"const clientSecret = '{SECRET}'; /* noqa: CX401 */\n",
            "c.js": "// cxone-lint: noqa: CX401 -- fixtures of the admin UI\n"
            f"const clientSecret = '{SECRET}';\n",
            "d.js": "const config = {\n"
            f"  clientSecret: '{SECRET}',\n"
            "}; // noqa: CX401 -- a multi-line statement is covered whole\n",
            "e.js": f"const clientSecret = '{SECRET}'; // noqa -- another tool's\n",
        },
    )
    result = run_project(tmp_path, ["CX401", "CX010"])
    active = sorted((d.code, d.path, d.start.line) for d in result.active)
    assert active == [("CX401", "e.js", 1)]
    suppressed = sorted((d.path, d.suppressed) for d in result.diagnostics if d.suppressed)
    assert suppressed == [
        ("a.ts", "noqa: rotated, test tenant"),
        ("b.ts", "noqa: no reason given"),
        ("c.js", "noqa: fixtures of the admin UI"),
        ("d.js", "noqa: a multi-line statement is covered whole"),
    ]


TSX_WITH_ERROR = f"""\
import React from "react";

type Props = {{ clientId: string; onLogin: (token: string) => void }};

export function Login({{ clientId, onLogin }}: Props) {{
  const clientSecret = "{SECRET}";
  return <button onClick={{() => onLogin(clientId)}}>Tom & Jerry</button>;
}}

export const broken = (;

export const API = "http://api-na1.niceincontact.com/inContactAPI/services/v31.0";
"""


def test_a_syntax_error_in_tsx_hides_nothing_else(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "src/Login.tsx": TSX_WITH_ERROR,
            "src/other.ts": f"export const clientSecret = '{SECRET}';\n",
        },
    )
    result = run_project(tmp_path, ["CX002", "CX401", "CX408"])
    got = sorted((d.code, d.path, d.start.line, d.start.column, d.message) for d in result.active)
    assert got == [
        (
            "CX002",
            "src/Login.tsx",
            10,
            21,
            "syntax error at 10:21: that region was not analysed, the rest of the file was",
        ),
        (
            "CX401",
            "src/Login.tsx",
            6,
            24,
            "hard-coded CXone client secret in `clientSecret` (fingerprint ae8981b82495)",
        ),
        (
            "CX401",
            "src/other.ts",
            1,
            29,
            "hard-coded CXone client secret in `clientSecret` (fingerprint ae8981b82495)",
        ),
        (
            "CX408",
            "src/Login.tsx",
            12,
            20,
            "plain http:// URL to CXone host api-na1.niceincontact.com",
        ),
    ]
    assert result.files["src/Login.tsx"].status == "analysed"


def test_default_exclusions_and_skipped_files_are_listed(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    write_project(
        tmp_path,
        {
            "src/app.js": "export const a = 1;\n",
            "node_modules/axios/index.js": f"const clientSecret = '{SECRET}';\n",
            "dist/app.js": f"const clientSecret = '{SECRET}';\n",
            "web/coverage/lcov.js": "var x;\n",
            "src/types.d.ts": "export declare const clientSecret: string;\n",
            "public/vendor.min.js": f"var clientSecret='{SECRET}';\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    code = main(["check", "--no-cache", "--isolated", "."])
    out, err = capsys.readouterr()
    assert (code, out) == (0, "All checks passed (1 file checked).\n")
    listed = [line for line in err.splitlines() if "skipped" not in line.split(": ", 1)[0]]
    assert listed[:5] == [
        "cxone-lint: dist/: compiled output (dist/), excluded by default",
        "cxone-lint: node_modules/: dependencies (node_modules/), excluded by default",
        "cxone-lint: web/coverage/: coverage report (coverage/), excluded by default",
        "cxone-lint: public/vendor.min.js: not analysed: minified (.min. file)",
        "cxone-lint: src/types.d.ts: not analysed: type declarations (.d.ts): no runtime code",
    ]


def test_compiled_javascript_beside_its_types_is_listed_not_read(tmp_path: Path, capsys) -> None:
    files = {"src/index.ts": "export const a = 1;\n"}
    for i in range(5):
        files[f"temp_dist/lib/m{i}.js"] = f"const clientSecret = '{SECRET}';\n"
        files[f"temp_dist/lib/m{i}.d.ts"] = "export {};\n"
    files["out/app.js"] = f"const clientSecret = '{SECRET}';\n"
    files["out/app.js.map"] = "{}\n"
    files["tools/hand.js"] = f"const clientSecret = '{SECRET}';\n"
    write_project(tmp_path, files)
    result = run_project(tmp_path, ["CX401"])
    assert [(d.code, d.path) for d in result.active] == [("CX401", "tools/hand.js")]
    skipped = result.stats.files_skipped
    assert skipped["temp_dist/"] == (
        "compiled output (5 JavaScript files next to a .d.ts or source map), not analysed"
    )
    assert skipped["out/"] == (
        "compiled output (1 JavaScript file next to a .d.ts or source map), not analysed"
    )
    main(["check", "--no-cache", "--isolated", str(tmp_path / "temp_dist")])
    err = capsys.readouterr().err
    assert "cxone-lint: 5 files not analysed: type declarations (.d.ts): no runtime code (" in err


def test_json_output_names_skipped_files(tmp_path: Path, capsys, monkeypatch) -> None:
    write_project(tmp_path, {"a.min.js": "var x;\n", "node_modules/x/i.js": "var y;\n"})
    monkeypatch.chdir(tmp_path)
    main(["check", "--no-cache", "--isolated", "--output-format", "json", "."])
    data = json.loads(capsys.readouterr().out)
    assert data["files"]["skipped"] == {
        "a.min.js": "minified (.min. file)",
        "node_modules/": "dependencies (node_modules/), excluded by default",
    }


def test_extraction_is_deterministic() -> None:
    case = Path(__file__).resolve().parents[1] / "rules/cxone_rules/cases/CX301"
    raw = (case / "invalid-js-fetch-form-built-with-append-post/src/auth.ts").read_text()
    source, _ = strip_markers(raw)
    seen = {
        json.dumps(encode_batch(analyse(js.parse(source, "a.ts"), "a.ts"), "javascript"))
        for _ in range(20)
    }
    assert len(seen) == 1


def test_facts_never_hold_the_secret(tmp_path: Path) -> None:
    source = (
        f"const clientSecret = '{SECRET}';\n"
        f"fetch('https://cxone.niceincontact.com/auth/token?x=1', {{ body: '{SECRET}' }});\n"
        f"// https://app.example/cb#access_token={SECRET}&expires_in=3600\n"
    )
    facts = encode_batch(analyse(js.parse(source, "a.js"), "a.js"), "javascript")
    assert SECRET not in json.dumps(facts)


def test_imports_through_re_exports_reach_the_constant(tmp_path: Path) -> None:
    from cxone_rules.facts.profile import token_requests

    write_project(
        tmp_path,
        {
            "src/config/urls.ts": (
                'export const TOKEN_URL = "https://cxone.niceincontact.com/auth/token";\n'
            ),
            "src/config/index.ts": (
                'export * from "./urls";\nexport { TOKEN_URL as URL2 } from "./urls";\n'
            ),
            "src/auth.ts": (
                'import axios from "axios";\n'
                'import { TOKEN_URL, URL2 } from "./config";\n'
                "export const a = () => axios.post(TOKEN_URL, "
                'new URLSearchParams({ grant_type: "password" }));\n'
                "export const b = () => axios.post(URL2, "
                'new URLSearchParams({ grant_type: "password" }));\n'
            ),
        },
    )
    result = run_project(tmp_path, ["CX309"])
    requests = [(r.file, r.line, r.url.text, r.endpoint) for r in token_requests(result.context)]
    assert requests == [
        ("src/auth.ts", 3, "https://cxone.niceincontact.com/auth/token", "token"),
        ("src/auth.ts", 4, "https://cxone.niceincontact.com/auth/token", "token"),
    ]


def test_tsconfig_path_aliases_reach_the_constant(tmp_path: Path) -> None:
    from cxone_rules.facts.profile import token_requests

    write_project(
        tmp_path,
        {
            "tsconfig.json": (
                "{\n  // TypeScript's settings allow comments and trailing commas\n"
                '  "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["src/*"], }, },\n}\n'
            ),
            "src/config/urls.ts": (
                'export const TOKEN_URL = "https://cxone.niceincontact.com/auth/token";\n'
            ),
            "src/auth.ts": (
                'import axios from "axios";\n'
                'import { TOKEN_URL } from "@/config/urls";\n'
                "export const a = () => axios.post(TOKEN_URL, "
                'new URLSearchParams({ grant_type: "password" }));\n'
            ),
        },
    )
    result = run_project(tmp_path, ["CX309", "CX001"])
    assert [d.code for d in result.active] == ["CX309"]  # the literal, not the tsconfig
    requests = [(r.line, r.url.text) for r in token_requests(result.context)]
    assert requests == [(3, "https://cxone.niceincontact.com/auth/token")]
