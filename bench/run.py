"""cxone-lint against its peers, whole process, same corpora, same run (not part of the tests).

    python bench/run.py                      # everything except fixit
    python bench/run.py --runs 5 --fixit     # add fixit (slow: minutes per stdlib run)
    python bench/run.py --only scaling       # one section: stdlib, gen1000, fixtures,
                                             # precommit, scaling, variants, startup

Every figure is the median of --runs whole-process runs, taken in alternation (round 1 runs
every command once, then round 2 ...), after one untimed warm-up round. Wall time is the
monotonic clock around the process; CPU (user + system) and peak memory come from the kernel's
accounting of the finished process and of every descendant it waited for (`os.wait4`): peak
memory is the largest resident set of any single process (a worker included), not a sum.

Corpora are laid out under --work (default /tmp/cxone-lint-bench), so every tool sees exactly
the same files: the running interpreter's standard library (its .py files, site-packages
excluded), a generated integration-like git repository (bench/generate.py) and this
repository's fixtures. The children run without PYTHONDONTWRITEBYTECODE, like an installed
tool whose byte code is compiled once, and with stdout discarded (no terminal rendering).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402


@dataclass
class Sample:
    wall: float
    cpu: float
    peak_mib: float
    code: int


@dataclass
class Command:
    name: str
    argv: list[str]
    before: list[list[str]] = field(default_factory=list)  # untimed setup commands
    runs: int | None = None  # overrides --runs (slow peers)
    samples: list[Sample] = field(default_factory=list)

    def median(self, attr: str) -> float:
        return statistics.median(getattr(s, attr) for s in self.samples)


# Set by freeze(): a snapshot of the tool that the children import instead of the work tree.
FROZEN: list[Path] = []


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["NO_COLOR"] = "1"
    if FROZEN:
        env["PYTHONPATH"] = os.pathsep.join([str(FROZEN[0]), env.get("PYTHONPATH", "")]).rstrip(
            os.pathsep
        )
    return env


def freeze(target: Path) -> None:
    """Copy the engine and the built-in pack, as they are now, to `target` and run that copy.

    The cache key covers the tool's source files (so an edited pack never gets stale facts);
    measuring the editable install while the tree is being edited would then measure cache
    misses. The copy carries a `cxone_lint` dist-info with the pack's entry point, found
    before the editable install's, and its byte code is compiled once, as pip does.
    """
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copytree(REPO / "src" / "cxone_lint", target / "cxone_lint")
    shutil.copytree(REPO / "rules" / "cxone_rules", target / "cxone_rules")
    info = target / f"cxone_lint-{_dist_version('cxone-lint')}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: cxone-lint\nVersion: {_dist_version('cxone-lint')}\n"
    )
    (info / "entry_points.txt").write_text(
        "[console_scripts]\ncxone-lint = cxone_lint.cli.main:main\n\n"
        "[cxone_lint.rules]\ncxone = cxone_rules:PACK\n"
    )
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(target)], check=True)
    FROZEN[:] = [target]
    CX[:] = [sys.executable, "-m", "cxone_lint"]


def measure(argv: list[str], cwd: Path) -> Sample:
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=cwd, env=child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    code = proc.returncode
    if code not in (0, 1) and not argv[0].endswith("fixit"):
        tail = err.decode("utf-8", "replace").strip().splitlines()[-3:]
        print(f"  ! {' '.join(argv[:3])} exited {code}: {' | '.join(tail)}", file=sys.stderr)
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code)


def run_setup(argv: list[str], cwd: Path) -> None:
    subprocess.run(argv, cwd=cwd, env=child_env(), capture_output=True, check=False)


def bench(commands: list[Command], cwd: Path, runs: int, warmup: bool = True) -> None:
    rounds = max(c.runs or runs for c in commands)
    for index in range(-1 if warmup else 0, rounds):
        for cmd in commands:
            if index >= (cmd.runs or runs):
                continue
            if index < 0 and (cmd.runs or runs) < runs:
                continue  # slow peers get no warm-up round
            for setup in cmd.before:
                run_setup(setup, cwd)
            sample = measure(cmd.argv, cwd)
            if index >= 0:
                cmd.samples.append(sample)
            label = "warm-up" if index < 0 else f"run {index + 1}"
            print(
                f"  {label:>7} {cmd.name:<28} {sample.wall:8.2f} s wall {sample.cpu:8.2f} s cpu"
                f" {sample.peak_mib:7.1f} MiB",
                file=sys.stderr,
                flush=True,
            )


# -- corpora -------------------------------------------------------------------------------------


def stdlib_corpus(work: Path) -> Path:
    out = work / "stdlib"
    if out.exists():
        return out
    src = Path(sysconfig.get_paths()["stdlib"])
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames[:] = sorted(d for d in dirnames if d not in ("site-packages", "__pycache__"))
        for name in filenames:
            if name.endswith(".py"):
                source = Path(dirpath) / name
                target = out / source.relative_to(src)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
    return out


def generated_corpus(work: Path, files: int) -> Path:
    out = work / f"gen{files}"
    if not out.exists():
        generate(out, files, seed=7, git=True)
    return out


def fixtures_corpus(work: Path) -> Path:
    out = work / "fixtures"
    if not out.exists():
        shutil.copytree(REPO / "fixtures", out)
    return out


def corpus_size(root: Path) -> tuple[int, int]:
    files = lines = 0
    for path in root.rglob("*.py"):
        if ".cxone_lint_cache" in path.parts or ".git" in path.parts:
            continue
        files += 1
        lines += path.read_bytes().count(b"\n")
    return files, lines


# -- commands ------------------------------------------------------------------------------------

CX = [str(BIN / "cxone-lint")]  # replaced by `python -m cxone_lint` on a frozen copy


def check_cmd() -> list[str]:
    return [*CX, "check", "--select", "ALL", "--exit-zero", "."]


def cold() -> Command:
    return Command("cxone-lint cold", check_cmd(), before=[[*CX, "cache", "clean"]])


def warm() -> Command:
    # Always preceded in the same round by the cold run, which filled the cache.
    return Command("cxone-lint warm", check_cmd())


def peers(fixit: bool, fixit_runs: int | None) -> list[Command]:
    out = [
        Command("bandit -r -q", [str(BIN / "bandit"), "-r", "-q", "."]),
        Command(
            "ruff --select ALL",
            [
                *(str(BIN / "ruff"), "check", "--isolated", "--no-cache"),
                *("--select", "ALL", "--exit-zero", "."),
            ],
        ),
    ]
    if fixit:
        out.append(Command("fixit lint", [str(BIN / "fixit"), "lint", "."], runs=fixit_runs))
    return out


def versions() -> dict[str, str]:
    def first_line(argv: list[str]) -> str:
        try:
            out = subprocess.run(argv, capture_output=True, text=True, check=False, env=child_env())
        except OSError:
            return "not installed"
        text = (out.stdout or out.stderr).strip()
        return text.splitlines()[0] if text else ""

    return {
        "cxone-lint": first_line([*CX, "--version"]) + (" (frozen copy)" if FROZEN else ""),
        "bandit": first_line([str(BIN / "bandit"), "--version"]),
        "fixit": first_line([str(BIN / "fixit"), "--version"]),
        "ruff": first_line([str(BIN / "ruff"), "--version"]),
        "tree": first_line(["git", "-C", str(REPO), "describe", "--always", "--dirty"]),
        "python": platform.python_version(),
        "libcst": _dist_version("libcst"),
    }


def _dist_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        mem = 0.0
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    return (
        f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, {platform.system()} "
        f"{platform.release()}, load average at start {load:.1f}"
    )


# -- sections ------------------------------------------------------------------------------------


def table(title: str, commands: list[Command], base: str, size: tuple[int, int]) -> dict:
    print(f"\n## {title} ({size[0]} .py files, {size[1]:,} lines)\n")
    print("| command | runs | wall s | cpu s | peak MiB | cxone-lint cold / this: wall, cpu, mem |")
    print("|---|---|---|---|---|---|")
    ref = next(c for c in commands if c.name == base)
    rows = {}
    for c in commands:
        if not c.samples:
            continue
        wall, cpu, mem = c.median("wall"), c.median("cpu"), c.median("peak_mib")
        ratio = (
            f"{ref.median('wall') / wall:.2f}, {ref.median('cpu') / cpu:.2f}, "
            f"{ref.median('peak_mib') / mem:.2f}"
            if c is not ref
            else "-"
        )
        print(f"| {c.name} | {len(c.samples)} | {wall:.2f} | {cpu:.2f} | {mem:.0f} | {ratio} |")
        rows[c.name] = {"wall": wall, "cpu": cpu, "peak_mib": mem, "runs": len(c.samples)}
    if "cxone-lint warm" in rows:
        share = rows["cxone-lint warm"]["wall"] / rows[base]["wall"]
        print(f"\nwarm / cold wall: {share:.1%}")
    sys.stdout.flush()
    return rows


def section_corpus(name: str, root: Path, args: argparse.Namespace, fixit: bool) -> dict:
    commands = [cold(), warm(), *peers(fixit, args.fixit_runs)]
    bench(commands, root, args.runs, warmup=args.warmup)
    return table(name, commands, "cxone-lint cold", corpus_size(root))


def section_variants(root: Path, args: argparse.Namespace) -> dict:
    """Each engine feature against the run without it (all without the cache)."""
    base = [*CX, "check", "--select", "ALL", "--exit-zero", "--no-cache"]
    commands = [
        Command("cxone-lint (no cache)", [*base, "."]),
        Command("... -j1 (no workers)", [*base, "-j1", "."]),
        Command("... --no-prefilter", [*base, "--no-prefilter", "."], runs=1),
    ]
    bench(commands, root, args.runs, warmup=False)
    return table(f"engine features on {root.name}", commands, commands[0].name, corpus_size(root))


def section_precommit(root: Path, args: argparse.Namespace) -> dict:
    """One changed file in the generated repository, cache warm for everything else."""
    target = sorted((root / "app").rglob("*.py"))[len(list((root / "app").rglob("*.py"))) // 2]
    rel = str(target.relative_to(root))
    original = target.read_bytes()
    run_setup(check_cmd(), root)  # fill the cache
    counter = {"n": 0}

    def touch() -> list[str]:
        counter["n"] += 1
        return [
            sys.executable,
            "-c",
            f"import pathlib; p = pathlib.Path({rel!r}); "
            f"p.write_bytes(p.read_bytes() + b'# edit {counter['n']}\\n')",
        ]

    file_hook = Command(
        "hook: staged file only", [*CX, "check", "--force-exclude", "--exit-zero", rel]
    )
    project_hook = Command("hook: whole project", [*CX, "check", "--exit-zero"])
    version = Command("cxone-lint --version", [*CX, "--version"])
    commands = [file_hook, project_hook, version]
    try:
        for i in range(-1, args.runs):
            for cmd in commands:
                if cmd is not version:
                    run_setup(touch(), root)
                sample = measure(cmd.argv, root)
                if i >= 0:
                    cmd.samples.append(sample)
    finally:
        target.write_bytes(original)
    return table(
        f"pre-commit on {root.name}: one changed file ({rel})",
        commands,
        "hook: staged file only",
        corpus_size(root),
    )


def section_scaling(work: Path, args: argparse.Namespace) -> dict:
    print("\n## scaling (generated repositories, cold, no cache)\n")
    print("| files | lines | runs | wall s | cpu s | cpu ms / file | peak MiB (largest process) |")
    print("|---|---|---|---|---|---|---|")
    rows = {}
    for files in args.scaling:
        root = generated_corpus(work, files)
        cmd = Command(f"gen{files}", [*CX, "check", "--select", "ALL", "--exit-zero", "--no-cache"])
        cmd.argv.append(".")
        runs = args.runs if files <= 1000 else max(1, args.runs // 2)
        bench([cmd], root, runs, warmup=files <= 1000)
        n, lines = corpus_size(root)
        wall, cpu, mem = cmd.median("wall"), cmd.median("cpu"), cmd.median("peak_mib")
        print(
            f"| {n} | {lines:,} | {len(cmd.samples)} | {wall:.2f} | {cpu:.2f} "
            f"| {1000 * cpu / n:.1f} | {mem:.0f} |"
        )
        sys.stdout.flush()
        rows[files] = {"wall": wall, "cpu": cpu, "peak_mib": mem, "files": n, "lines": lines}
    return rows


def section_startup(args: argparse.Namespace) -> dict:
    """What `--version` and a one-file run import (python -X importtime), in ms."""
    import tempfile

    out: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "util.py").write_text("def add(a, b):\n    return a + b\n")
        (root / "auth.py").write_text(
            'import requests\nURL = "https://cxone.niceincontact.com/auth/token"\n'
        )
        cases = {
            "--version": [*CX, "--version"],
            "one plain file": [*CX, "check", "--no-cache", "util.py"],
            "one CXone file": [*CX, "check", "--no-cache", "auth.py"],
        }
        print("\n## start-up\n")
        print("| command | wall s (median) | modules imported | libcst | yaml | tomlkit |")
        print("|---|---|---|---|---|---|")
        for name, argv in cases.items():
            samples = [measure(argv, root) for _ in range(max(3, args.runs))]
            trace = subprocess.run(
                [sys.executable, "-X", "importtime", *_module_argv(argv)],
                cwd=root,
                env=child_env(),
                capture_output=True,
                text=True,
                check=False,
            ).stderr
            modules = [
                line.split("|")[-1].strip()
                for line in trace.splitlines()
                if line.startswith("import time:") and "|" in line and "self" not in line
            ]
            flags = ["yes" if any(m.startswith(p) for m in modules) else "no" for p in _HEAVY]
            wall = statistics.median(s.wall for s in samples)
            shown = " ".join(["cxone-lint", *argv[len(CX) :]])
            print(f"| `{shown}` | {wall:.3f} | {len(modules)} | " + " | ".join(flags) + " |")
            heavy = dict(zip(_HEAVY, flags, strict=True))
            out[name] = {"wall": wall, "modules": len(modules), **heavy}
    return out


_HEAVY = ("libcst", "yaml", "tomlkit")


def _module_argv(argv: list[str]) -> list[str]:
    return ["-m", "cxone_lint", *argv[len(CX) :]]


def main() -> int:
    parser = argparse.ArgumentParser(description="cxone-lint benchmark against its peers")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/cxone-lint-bench"))
    parser.add_argument("--fixit", action="store_true", help="also run fixit (slow)")
    parser.add_argument("--fixit-runs", type=int, default=1, help="fixit runs on the stdlib")
    parser.add_argument(
        "--only",
        action="append",
        choices=("stdlib", "gen1000", "fixtures", "precommit", "scaling", "variants", "startup"),
    )
    parser.add_argument("--scaling", type=int, nargs="*", default=[100, 1000, 10000])
    parser.add_argument("--json", type=Path, help="also write every median here")
    parser.add_argument(
        "--live",
        action="store_true",
        help="run the installed (editable) cxone-lint instead of a frozen copy of the tree",
    )
    parser.add_argument(
        "--no-warmup",
        dest="warmup",
        action="store_false",
        help="skip the untimed warm-up round of each corpus (when the page cache is warm)",
    )
    args = parser.parse_args()
    sections = args.only or ["startup", "fixtures", "gen1000", "precommit", "stdlib", "scaling"]
    args.work.mkdir(parents=True, exist_ok=True)
    if not args.live:
        freeze(args.work / "frozen-cxone-lint")
    results: dict[str, object] = {"machine": machine(), "versions": versions()}
    print(f"# cxone-lint benchmark\n\nmachine: {results['machine']}\n")
    print("versions: " + ", ".join(f"{k} {v}" for k, v in results["versions"].items()))
    print(f"command: python bench/run.py {' '.join(sys.argv[1:])}".rstrip())
    sys.stdout.flush()
    if "startup" in sections:
        results["startup"] = section_startup(args)
    if "fixtures" in sections:
        root = fixtures_corpus(args.work)
        results["fixtures"] = section_corpus("repository fixtures", root, args, args.fixit)
    if "gen1000" in sections:
        root = generated_corpus(args.work, 1000)
        results["gen1000"] = section_corpus("generated 1,000 files", root, args, args.fixit)
    if "precommit" in sections:
        results["precommit"] = section_precommit(generated_corpus(args.work, 1000), args)
    if "variants" in sections:
        results["variants"] = section_variants(generated_corpus(args.work, 1000), args)
    if "stdlib" in sections:
        root = stdlib_corpus(args.work)
        results["stdlib"] = section_corpus("CPython standard library", root, args, args.fixit)
    if "scaling" in sections:
        results["scaling"] = section_scaling(args.work, args)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
