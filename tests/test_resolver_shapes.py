"""Code shapes from real libraries (found by the site-packages corpus run) that crashed or
stalled the Python resolver: each file is analysed in full, with the finding that shows it."""

from __future__ import annotations

from pathlib import Path

from cxone_lint.testing import findings, run_project, write_project

STARRED_PAIRS = """\
import requests

EXTRA = [("client_id", "acme")]


def form():
    return [("grant_type", "client_credentials"), *EXTRA]


def token():
    return requests.post("https://auth.example.com/token", data=form(), verify=False)
"""

# A module-level loop variable is bound to a stand-in node that was never parsed.
MODULE_LOOP = """\
from dataclasses import dataclass, fields

import requests


@dataclass
class Context:
    host: str = "https://api.example.com"


for _field in fields(Context):
    setattr(Context, _field.name, None)

requests.get(Context.host, verify=False)
"""

# Each change reads the name it changes: resolved naively, 8 changes nest 8^12 deep.
SELF_CHANGES = (
    "import requests\n\n\ndef fetch(options):\n    merged = dict(options)\n"
    + "".join(f'    merged["verify_{k}"] = merged.get("verify_{k}", False)\n' for k in "abcdefgh")
    + '    return requests.get("https://api.example.com/v1", params=merged, verify=False)\n'
)


def test_shapes_are_analysed_in_full(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {"starred.py": STARRED_PAIRS, "loop.py": MODULE_LOOP, "changes.py": SELF_CHANGES},
    )
    result = run_project(tmp_path, ["CX407", "LINT"])
    assert findings(result) == [
        ("CX407", "changes.py", 14),
        ("CX407", "loop.py", 14),
        ("CX407", "starred.py", 11),
    ]


def test_a_change_that_reads_its_own_name_sees_the_value_before_it(tmp_path: Path) -> None:
    # The change reads `opts` as bound (verify True), so it sets verify to False.
    write_project(
        tmp_path,
        {
            "app.py": (
                "import requests\n\n"
                'opts = {"verify": True}\n'
                'opts["verify"] = not opts["verify"]\n'
                'requests.get("https://api.example.com/v1", verify=opts["verify"])\n'
            )
        },
    )
    assert findings(run_project(tmp_path, ["CX407", "LINT"])) == [("CX407", "app.py", 5)]
