"""Lines/s of the PHP and PowerShell extraction (parse, triage query, semantic pass; the tree
is dropped after each file): on the corpus repositories unpacked under /tmp/corpus (when there)
and on files generated from the fixtures (their token-request code repeated with fresh names).

    python bench/php_ps_bench.py
"""

from __future__ import annotations

import glob
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cxone_rules.extract.php import analyse as php_analyse
from cxone_rules.extract.powershell import analyse as ps_analyse

from cxone_lint.languages import php, powershell

CORPUS = "/tmp/corpus"
PHP_REPOS = ("incontact_token_middleware", "incontact-laravel-oauth2-rest", "incontact-api")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def read(path: str | Path) -> str:
    return Path(path).read_text(encoding="utf-8-sig", errors="replace")


def best_of(reps: int, work: Callable[[], Any]) -> float:
    best = float("inf")
    for _ in range(reps):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def corpus(name: str, files: list[str], parse: Any, analyse: Any) -> None:
    texts = [(f, read(f)) for f in files]
    if not texts:
        return
    lines = sum(t.count("\n") + 1 for _, t in texts)
    seconds = best_of(5, lambda: [analyse(parse(t), f) for f, t in texts])
    print(
        f"{name}: {len(texts)} files, {lines} lines, {seconds * 1000:.0f} ms, "
        f"{lines / seconds:,.0f} lines/s"
    )


def generated(name: str, text: str, parse: Any, analyse: Any) -> None:
    lines = text.count("\n") + 1
    seconds = best_of(3, lambda: analyse(parse(text), "generated"))
    parse_only = best_of(3, lambda: parse(text))
    print(
        f"{name}: {lines} lines, {seconds * 1000:.0f} ms, {lines / seconds:,.0f} lines/s "
        f"(parse alone {lines / parse_only:,.0f} lines/s)"
    )


def main() -> None:
    php_files = [
        f
        for repo in (*PHP_REPOS, "inContact-API")
        for f in glob.glob(f"{CORPUS}/{repo}/**/*.php", recursive=True)
        if "/vendor/" not in f
    ]
    ps_files = glob.glob(f"{CORPUS}/PowerNiceinContact/**/*.ps*1", recursive=True)
    corpus("php corpus", php_files, php.parse, php_analyse)
    corpus("powershell corpus", ps_files, powershell.parse, ps_analyse)
    base = read(FIXTURES / "php-token-middleware/lib/cxone.php").replace("<?php", "")
    text = "<?php\n" + "".join(base.replace("fetch_token", f"fetch_{i}") for i in range(150))
    generated("generated php", text, php.parse, php_analyse)
    base = read(FIXTURES / "ps-module/CxoneAdmin/Public/Get-CxoneToken.ps1")
    text = "".join(base.replace("Get-CxoneToken", f"Get-CxoneToken{i}") for i in range(120))
    generated("generated powershell", text, powershell.parse, ps_analyse)


if __name__ == "__main__":
    main()
