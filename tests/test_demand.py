"""Files triage defers come back when the linker needs them (facts/demand.py).

Each project has one file with evidence and one without: triage defers the second, and only
the pack's demand brings it back; without the demand, the finding that crosses the two files
is lost (the second run of each test shows it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cxone_rules.extract.python.triage import imported_modules

from cxone_lint.api.settings import Settings
from cxone_lint.run.engine import Engine, RunOptions
from cxone_lint.run.registry import load_registry
from cxone_lint.testing import write_project

TOKEN_URL = "https://na1.nice-incontact.com/authentication/v1/token/access-key"

# A TLS flag a settings module exports: an `import:` hole in the client's TlsSetting.
IMPORTED_FLAG = {
    "client.py": (
        "import requests\n"
        "\n"
        "from settings import VERIFY_TLS\n"
        "\n"
        "\n"
        "def token():\n"
        "    return requests.post(\n"
        f'        "{TOKEN_URL}",\n'
        '        json={"accessKeyId": "x"},\n'
        "        verify=VERIFY_TLS,\n"
        "    )\n"
    ),
    "settings.py": "VERIFY_TLS = False\n",
}

# A helper that prints its parameter, called with a token: the call site fills the sink.
CALLED_SINK = {
    "main.py": (
        "import requests\n"
        "\n"
        "from util import show\n"
        "\n"
        "r = requests.post(\n"
        f'    "{TOKEN_URL}",\n'
        '    json={"accessKeyId": "id"},\n'
        ")\n"
        'show(r.json()["access_token"])\n'
    ),
    "util.py": "def show(value):\n    print(value)  # a token's field, say\n",
}


def _findings(root: Path, demand: bool) -> list[tuple[str, str, int, int]]:
    registry = load_registry()
    saved = [pack.demand for pack in registry.packs]
    if not demand:
        for pack in registry.packs:
            pack.demand = None
    try:
        engine = Engine(Settings(root=root), registry, registry.select(["CX4"], [], []))
        result = engine.run(RunOptions(paths=[root], use_cache=False, jobs=1))
    finally:
        for pack, kept in zip(registry.packs, saved, strict=True):
            pack.demand = kept
    return [(d.code, d.path, d.start.line, d.start.column) for d in result.active]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (IMPORTED_FLAG, ("CX407", "client.py", 10, 9)),
        (CALLED_SINK, ("CX406", "util.py", 2, 11)),
    ],
    ids=["import-hole", "call-site"],
)
def test_a_deferred_file_the_linker_needs_is_analysed(
    files: dict[str, str], expected: tuple[str, str, int, int], tmp_path: Path
) -> None:
    write_project(tmp_path, files)
    assert _findings(tmp_path, demand=True) == [expected]
    assert _findings(tmp_path, demand=False) == []


def test_imported_modules_are_written_as_in_the_file() -> None:
    import ast

    text = (
        "import a.b, c\nfrom . import d\nfrom ..e import f\nfrom g import *\n"
        "from g import h as i\nc.run()\nprint(i.x, d)\n"
    )
    assert sorted(imported_modules(ast.parse(text))) == sorted(
        ("a.b:*", "c:", ".:d", "..e:f", "g:*", "g:h", "c:run", "g.h:x", ".d:*")
    )
