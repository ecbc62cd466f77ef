"""Rule cases as folders of real files (cxone_lint.testing): markers, sidecars, layout errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cxone_lint.api.rule import Case, Expect
from cxone_lint.testing import CaseError, check_case, load_case, load_cases, strip_markers
from tests.packs.acme import PACK, NoDebugger, OwnerRequired


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return root


def test_markers_are_removed_exactly_and_give_line_and_code() -> None:
    text = (
        "a = 1  # expect: CX301\r\n"
        "b = 2  # keep this comment  # expect: CX301, CX302\n"
        "c = '# expect: CX999 inside a string'\n"
        "d = 4  // expect: ACME101"
    )
    assert strip_markers(text) == (
        "a = 1\r\nb = 2  # keep this comment\nc = '# expect: CX999 inside a string'\nd = 4",
        [(1, "CX301"), (2, "CX301"), (2, "CX302"), (4, "ACME101")],
    )
    assert strip_markers("x = 1  # expect: cx301\n") == ("x = 1  # expect: cx301\n", [])


def test_a_case_folder_is_read_into_a_case(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "ACME201" / "invalid-everything",
        {
            "x.toml": 'owner = "nobody"  # expect: ACME201\n',
            "data.json": '{"owner": "nobody"}\n',
            "expect.txt": "# JSON has no comments\ndata.json:1 ACME201\n\n",
            "x.toml.fixed": 'owner = "ops@acme.example"\n',
            "cxone-lint.toml": "acme-level = 2\n",
            "case.toml": 'unsafe = true\nnote = "all of it"\n',
            "_base/x.toml": 'owner = "ops@acme.example"\n',
        },
    )
    assert load_case(folder) == Case(
        files={
            "cxone-lint.toml": "acme-level = 2\n",
            "data.json": '{"owner": "nobody"}\n',
            "x.toml": 'owner = "nobody"\n',
        },
        expect=(Expect("ACME201", "data.json", 1), Expect("ACME201", "x.toml", 1)),
        fixed={"x.toml": 'owner = "ops@acme.example"\n'},
        unsafe=True,
        settings={"acme-level": 2},
        note="all of it",
        base={"x.toml": 'owner = "ops@acme.example"\n'},
    )


def test_settings_come_from_pyproject_when_there_is_no_cxone_lint_toml(tmp_path: Path) -> None:
    folder = write(tmp_path, {"pyproject.toml": "[tool.cxone-lint]\nacme-level = 3\n"})
    assert load_case(folder).settings == {"acme-level": 3}


@pytest.mark.parametrize(
    ("files", "problem"),
    [
        ({"a.py.fixed": "x\n", "b.py": "x\n"}, "a.py.fixed fixes no project file"),
        ({"a.py": "x\n", "expect.txt": "a.py 3 ACME101\n"}, "expected `path:line CODE`"),
        ({"a.py": "x\n", "case.toml": "unsafe = true\nskip = true\n"}, "unknown key 'skip'"),
        ({"case.toml": "unsafe = true\n"}, "a case needs at least one project file"),
    ],
)
def test_a_malformed_case_folder_is_refused(
    tmp_path: Path, files: dict[str, str], problem: str
) -> None:
    with pytest.raises(CaseError, match=re.escape(problem)):
        load_case(write(tmp_path / "case", files))


@pytest.mark.parametrize(
    ("rel", "files", "problem"),
    [
        ("ACME999/valid-x", {"a.py": "x = 1\n"}, "no rule ACME999 in pack acme"),
        ("ACME101/debugger", {"a.py": "x = 1\n"}, "starts with valid- or invalid-"),
        (
            "ACME101/valid-but-marked",
            {"a.py": "x = 1  # expect: ACME101\n"},
            "a valid case expects no finding",
        ),
        ("ACME101/invalid-but-unmarked", {"a.py": "x = 1\n"}, "an invalid one at least one"),
    ],
)
def test_a_case_folder_must_name_its_rule_and_verdict(
    tmp_path: Path, rel: str, files: dict[str, str], problem: str
) -> None:
    write(tmp_path / rel, files)
    with pytest.raises(CaseError, match=re.escape(problem)):
        load_cases(PACK, tmp_path)


def test_a_pack_points_at_its_own_cases_directory() -> None:
    ids = [c.id for c in load_cases(PACK, PACK.cases or "")]
    assert ids == [
        "ACME101/invalid-debugger-call-replaced-by-none",
        "ACME201/invalid-owner-marked-in-sidecar",
        "ACME201/invalid-owner-not-an-email",
        "ACME201/valid-owner-email",
    ]


def test_a_wrong_marker_fails_the_case(tmp_path: Path) -> None:
    folder = write(tmp_path / "case", {"x.toml": '\nowner = "nobody"  # expect: ACME201\n'})
    check_case(OwnerRequired, load_case(folder), tmp_path / "right", extra_packs=[PACK])
    moved = write(tmp_path / "moved", {"x.toml": '# expect: ACME201\nowner = "nobody"\n'})
    with pytest.raises(AssertionError, match=r"expected \[\('ACME201', 'x.toml', 1\)\]"):
        check_case(OwnerRequired, load_case(moved), tmp_path / "wrong", extra_packs=[PACK])


def test_a_fix_case_asserts_its_findings_too(tmp_path: Path) -> None:
    files = {"a.py": "import pdb\npdb.set_trace()  # expect: ACME101\n"}
    fixed = {"a.py.fixed": "import pdb\nNone\n"}
    case = load_case(write(tmp_path / "ok", {**files, **fixed}))
    check_case(NoDebugger, case, tmp_path / "run-ok", extra_packs=[PACK])
    wrong = {"a.py": "import pdb  # expect: ACME101\npdb.set_trace()\n", **fixed}
    case = load_case(write(tmp_path / "wrong", wrong))
    with pytest.raises(AssertionError, match=r"got \[\('ACME101', 'a.py', 2\)\]"):
        check_case(NoDebugger, case, tmp_path / "run-wrong", extra_packs=[PACK])
    bad_fix = load_case(write(tmp_path / "bad-fix", {**files, "a.py.fixed": "import pdb\n"}))
    with pytest.raises(AssertionError, match=re.escape("fixed text of a.py differs")):
        check_case(NoDebugger, bad_fix, tmp_path / "run-bad-fix", extra_packs=[PACK])
