"""JavaScript/TypeScript benchmark: lines per second per core and peak memory, against semgrep.

Not part of the test suite. From the repository root, with the project's virtualenv active:

    python bench/js_bench.py --fetch                  # npm pack the packages below (needs npm)
    python bench/js_bench.py --corpus /tmp/js-corpus  # reuse an unpacked corpus
    python bench/js_bench.py --semgrep /path/to/semgrep

The corpus: the TypeScript sources shipped in a few well-known npm packages (rxjs and zod ship
their `src/`), plus generated integration-like TypeScript (token requests through wrappers,
authorize URLs, loggers, classes; deterministic, `--generated N` files of ~120 lines). Only
`.ts`/`.tsx` sources count (no `.d.ts`, nothing compiled). Measured as a user runs the tools:

- `cxone-lint check --no-cache --select ALL --exit-zero -j 1` (one process: lines/s per core);
- in-process phase one only (read, parse, extract; no rules, no reports), per core;
- `semgrep scan --config <small equivalent rule set> -j 1 --metrics off` when semgrep is found.

Wall time, CPU time (user + system, from `wait4`, workers included) and peak RSS of the largest
process. Each command runs `--runs` times alternately after one untimed warm-up; medians.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

PACKAGES = ("rxjs@7.8.1", "zod@3.23.8", "@sinclair/typebox@0.32.35")

SEMGREP_RULES = """\
rules:
  - id: token-logged
    languages: [javascript, typescript]
    severity: WARNING
    message: token written to the console
    pattern-either:
      - pattern: console.$F(..., $X.access_token, ...)
      - pattern: console.$F(..., `...${$X.access_token}...`, ...)
  - id: tls-off
    languages: [javascript, typescript]
    severity: ERROR
    message: TLS verification turned off
    pattern-either:
      - pattern: "{..., rejectUnauthorized: false, ...}"
      - pattern: process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"
  - id: http-cxone
    languages: [javascript, typescript]
    severity: ERROR
    message: plain http to CXone
    pattern-regex: http://[a-z0-9.-]*(niceincontact|nice-incontact|incontact)\\.com
  - id: client-credentials
    languages: [javascript, typescript]
    severity: ERROR
    message: client_credentials grant
    pattern: "{..., grant_type: 'client_credentials', ...}"
  - id: hardcoded-client-secret
    languages: [javascript, typescript]
    severity: ERROR
    message: hard-coded client secret
    pattern-either:
      - pattern: "const $S = '...'"
      - pattern: "{..., clientSecret: '...', ...}"
"""

TEMPLATE = """\
import axios from "axios";
import https from "node:https";
import {{ logger }} from "./log{n}";

export interface Tokens{n} {{
  access_token: string;
  refresh_token: string;
  expires_in: number;
}}

const ISSUER_{n} = process.env.CXONE_ISSUER ?? "https://cxone.niceincontact.com";
const agent{n} = new https.Agent({{ keepAlive: true }});

export class Client{n} {{
  private tokens?: Tokens{n};
  private readonly clientId: string;

  constructor(private readonly area: string, clientId = process.env.CXONE_CLIENT_ID ?? "") {{
    this.clientId = clientId;
  }}

  async discover(): Promise<{{ token_endpoint: string }}> {{
    const {{ data }} = await axios.get(`${{ISSUER_{n}}}/.well-known/openid-configuration`);
    return data;
  }}

  async signIn(): Promise<Tokens{n}> {{
    const {{ token_endpoint }} = await this.discover();
    const body = new URLSearchParams({{
      grant_type: "password",
      username: process.env.CXONE_ACCESS_KEY_ID ?? "",
      password: process.env.CXONE_ACCESS_KEY_SECRET ?? "",
    }});
    const response = await axios.post(token_endpoint, body, {{
      auth: {{ username: this.clientId, password: process.env.CXONE_CLIENT_SECRET ?? "" }},
      httpsAgent: agent{n},
    }});
    if (response.status !== 200) {{
      logger.error("sign-in failed", response.status);
      throw new Error(`sign-in failed: ${{response.status}}`);
    }}
    this.tokens = response.data;
    logger.info("signed in", {{ expiresIn: response.data.expires_in }});
    return response.data;
  }}

  async contacts(base: string, skill: number, page = 0): Promise<unknown[]> {{
    let url = base + "/incontactapi/services/v31.0/contacts/active";
    url += "?skill=" + encodeURIComponent(String(skill));
    url += "&top=100&skip=" + page * 100;
    const {{ data }} = await axios.get(url, {{
      headers: {{ Authorization: `Bearer ${{this.tokens?.access_token}}` }},
    }});
    return data.activeContacts ?? [];
  }}

  summary(rows: Array<{{ agentId: number; state: string; seconds: number }}>) {{
    const byState = new Map<string, number>();
    for (const row of rows) {{
      byState.set(row.state, (byState.get(row.state) ?? 0) + row.seconds);
    }}
    return [...byState.entries()]
      .map(([state, seconds]) => ({{ state, minutes: Math.round(seconds / 60) }}))
      .sort((a, b) => b.minutes - a.minutes);
  }}
}}

export function loginUrl{n}(
  authorize: string, clientId: string, challenge: string, state: string,
) {{
  const params = new URLSearchParams({{
    response_type: "code",
    client_id: clientId,
    redirect_uri: "https://portal.acme.example/oauth/callback",
    scope: "openid",
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  }});
  return `${{authorize}}?${{params}}`;
}}

export const TOKEN_REFRESHED_{n} = "tokenRefreshed";
export const schedule{n} = [
  {{ day: "mon", open: "08:00", close: "18:00" }},
  {{ day: "tue", open: "08:00", close: "18:00" }},
  {{ day: "wed", open: "08:00", close: "18:00" }},
  {{ day: "thu", open: "08:00", close: "18:00" }},
  {{ day: "fri", open: "08:00", close: "16:00" }},
];
"""


def fetch(dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for spec in PACKAGES:
        out = (
            subprocess.run(
                ["npm", "pack", "--silent", spec],
                cwd=dest,
                capture_output=True,
                text=True,
                check=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        with tarfile.open(dest / out) as tar:
            tar.extractall(dest / out.removesuffix(".tgz"), filter="data")


def build(corpus: Path, generated: int, target: Path) -> tuple[int, int]:
    """Copy the TS sources of `corpus` and the generated files into `target`: (files, lines)."""
    files = lines = 0
    for path in sorted(corpus.rglob("*.ts*")):
        name = path.name
        if not name.endswith((".ts", ".tsx")) or name.endswith(".d.ts") or not path.is_file():
            continue
        rel = path.relative_to(corpus)
        if any(p in ("node_modules", "dist", "build", "lib", "esm", "cjs") for p in rel.parts):
            continue
        dest = target / "pkgs" / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest)
        files += 1
        lines += path.read_bytes().count(b"\n")
    gen = target / "integration" / "src"
    gen.mkdir(parents=True, exist_ok=True)
    for n in range(generated):
        text = TEMPLATE.format(n=n)
        (gen / f"client{n}.ts").write_text(text, encoding="utf-8")
        files += 1
        lines += text.count("\n")
    return files, lines


def timed(cmd: list[str], cwd: Path) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, peak RSS in MiB) of one process and its children."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


PHASE_ONE = """\
import sys, time, resource
from pathlib import Path
from cxone_lint.run.registry import load_registry
from cxone_lint.run.workspace import discover
from cxone_lint.run.analyse import analyse_file
registry = load_registry()
extractors = [e for p in registry.packs for e in p.extractors]
found = discover(Path(sys.argv[1]).resolve(), [])
start = time.process_time()
for f in found.files:
    analyse_file(f, extractors)
print(time.process_time() - start)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "js-corpus")
    parser.add_argument("--fetch", action="store_true", help="npm pack the packages first")
    parser.add_argument("--generated", type=int, default=150)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--semgrep", default=shutil.which("semgrep"))
    args = parser.parse_args()
    if args.fetch:
        fetch(args.corpus)
    work = Path(tempfile.mkdtemp(prefix="js-bench-"))
    files, lines = build(args.corpus, args.generated, work)
    rules = work.parent / f"{work.name}-semgrep.yaml"
    rules.write_text(SEMGREP_RULES, encoding="utf-8")
    lint = shutil.which("cxone-lint") or "cxone-lint"
    commands = {
        "cxone-lint (1 process)": [
            lint,
            "check",
            "--no-cache",
            "--isolated",
            "--select",
            "ALL",
            "--exit-zero",
            "-j",
            "1",
            "-o",
            "json",
            ".",
        ],
    }
    if args.semgrep:
        commands["semgrep (1 job)"] = [
            args.semgrep,
            "scan",
            "--config",
            str(rules),
            "--metrics",
            "off",
            "-j",
            "1",
            "--disable-version-check",
            "--quiet",
            "--json",
            "--no-git-ignore",
            ".",
        ]
    print(f"corpus: {files} TypeScript files, {lines} lines ({work})")
    print(f"load average before: {os.getloadavg()}")
    results: dict[str, list[tuple[float, float, int]]] = {name: [] for name in commands}
    for cmd in commands.values():
        timed(cmd, work)  # warm-up: page cache, byte-code, semgrep's rule compilation cache
    for _ in range(args.runs):
        for name, cmd in commands.items():
            results[name].append(timed(cmd, work))
    phase = [
        float(
            subprocess.run(
                [sys.executable, "-c", PHASE_ONE, str(work)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
        )
        for _ in range(args.runs)
    ]
    print(f"load average after: {os.getloadavg()}")
    print()
    print("| command | wall s | CPU s | lines/s per CPU second | peak RSS MiB |")
    print("|---|---|---|---|---|")
    for name, runs in results.items():
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        rss = max(r[2] for r in runs)
        print(f"| {name} | {wall:.2f} | {cpu:.2f} | {lines / cpu:,.0f} | {rss} |")
    cpu = statistics.median(phase)
    print(
        f"| cxone-lint phase one in-process (read, parse, extract) | | {cpu:.2f} | "
        f"{lines / cpu:,.0f} | |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
