"""The linker (rules/cxone_rules/facts/linker.py): holes filled from other files' facts."""

from __future__ import annotations

from cxone_rules.facts.kinds import EnvValue, Export, RedirectUri
from cxone_rules.facts.linker import Linker, absolute_module, python_module_name
from cxone_rules.facts.store import FactStore
from cxone_rules.facts.symstr import Hole, SymStr, hole, lit

from cxone_lint.api.facts import Fact

AT = {"line": 1, "column": 1, "end_line": 1, "end_column": 2}
ISSUER = "https://cxone.niceincontact.com"


def export(file: str, name: str, value: SymStr) -> Export:
    return Export(**AT, file=file, language="python", name=name, value=value)


def use(file: str, value: SymStr, language: str = "python") -> RedirectUri:
    return RedirectUri(**AT, file=file, language=language, value=value)


def env(file: str, name: str, value: str | None) -> EnvValue:
    sym = lit(value) if value is not None else None
    return EnvValue(**AT, file=file, language="env", name=name, value=sym, fingerprint="ab")


def linked(*facts: Fact) -> list[Fact]:
    by_file: dict[str, list[Fact]] = {}
    for f in facts:
        by_file.setdefault(f.file, []).append(f)
    out = Linker().link(by_file)
    return [f for items in out.values() for f in items]


def value_in(facts: list[Fact], file: str) -> SymStr:
    (found,) = [f for f in facts if isinstance(f, RedirectUri) and f.file == file]
    return found.value


def test_module_names() -> None:
    assert python_module_name("src/app/config.py") == "src.app.config"
    assert python_module_name("app/__init__.py") == "app"
    assert absolute_module(".config", "app/auth.py") == "app.config"
    assert absolute_module("..config", "app/sub/auth.py") == "app.config"
    assert absolute_module(".", "app/auth.py") == "app"


def test_an_imported_constant_fills_its_hole() -> None:
    facts = linked(
        export("src/app/settings.py", "ISSUER", lit(ISSUER)),
        use("src/app/auth.py", SymStr.of(hole("import", ".settings:ISSUER"), "/auth/token")),
        use("src/app/login.py", SymStr.of(hole("import", "app.settings:ISSUER"), "/cb")),
        use("src/app/other.py", SymStr.of(hole("import", "other:ISSUER"), "/x")),
    )
    assert value_in(facts, "src/app/auth.py") == lit(ISSUER + "/auth/token")
    assert value_in(facts, "src/app/login.py") == lit(ISSUER + "/cb")  # src/ layout suffix
    assert value_in(facts, "src/app/other.py").text is None  # no such module: left as it is


def test_a_suffix_must_name_one_module() -> None:
    facts = linked(
        export("a/settings.py", "ISSUER", lit(ISSUER)),
        use("b/settings.py", lit("x")),
        use("c/auth.py", SymStr.of(hole("import", "settings:ISSUER"))),
    )
    assert value_in(facts, "c/auth.py").text is None


def test_values_are_resolved_where_they_come_from_and_cycles_end() -> None:
    facts = linked(
        export("app/base.py", "ISSUER", lit(ISSUER)),
        export("app/urls.py", "TOKEN", SymStr.of(hole("import", ".base:ISSUER"), "/auth/token")),
        export("app/a.py", "A", SymStr.of(hole("import", ".b:B"))),
        export("app/b.py", "B", SymStr.of(hole("import", ".a:A"))),
        use("app/auth.py", SymStr.of(hole("import", ".urls:TOKEN"))),
        use("app/loop.py", SymStr.of(hole("import", ".a:A"))),
    )
    assert value_in(facts, "app/auth.py") == lit(ISSUER + "/auth/token")
    assert value_in(facts, "app/loop.py").text is None


def test_env_vars_take_the_nearest_dotenv_value() -> None:
    facts = linked(
        env(".env", "CXONE_ISSUER", ISSUER),
        env(".env", "CXONE_DEFAULTED", ISSUER),
        env("svc/.env", "CXONE_ISSUER", "https://cxone-gov.niceincontact.com"),
        env(".env", "CXONE_SECRET", None),
        env(".env.example", "CALLBACK", "https://example.test/cb"),
        use("app/auth.py", SymStr.of(hole("env", "CXONE_ISSUER"))),
        use("app/given.py", SymStr.of(Hole("env", "CXONE_DEFAULTED", lit("https://x.test")))),
        use("svc/deep/auth.py", SymStr.of(hole("env", "CXONE_ISSUER"))),
        use("app/secret.py", SymStr.of(hole("env", "CXONE_SECRET"))),
        use("app/cb.py", SymStr.of(hole("env", "CALLBACK"))),
    )
    assert value_in(facts, "app/auth.py") == lit(ISSUER)
    # A default the code gives is what it means: the linker fills only what is unknown.
    assert value_in(facts, "app/given.py").text == "https://x.test"
    assert value_in(facts, "svc/deep/auth.py") == lit("https://cxone-gov.niceincontact.com")
    assert value_in(facts, "app/secret.py").text is None  # a secret's value never fills a hole
    assert value_in(facts, "app/cb.py").text is None  # an example file sets nothing


def test_alternatives_settle_on_the_first_complete_one() -> None:
    either = SymStr(
        (Hole("alt", args=(hole("import", ".missing:X"), hole("import", ".settings:ISSUER"))),)
    )
    facts = linked(export("app/settings.py", "ISSUER", lit(ISSUER)), use("app/auth.py", either))
    assert value_in(facts, "app/auth.py") == lit(ISSUER)


def test_facts_without_holes_are_returned_as_they_are() -> None:
    plain = use("app/auth.py", lit(ISSUER))
    (out,) = linked(plain)
    assert out is plain


def test_the_store_keeps_unlinked_facts_and_resolves_on_demand() -> None:
    settings = export("app/settings.py", "ISSUER", lit(ISSUER))
    red = use("app/auth.py", SymStr.of(hole("import", ".settings:ISSUER"), "/cb"))
    store = FactStore.of({"app/settings.py": [settings], "app/auth.py": [red]})
    assert store.unlinked["app/auth.py"] == [red]
    assert store.in_file("app/auth.py", RedirectUri)[0].value == lit(ISSUER + "/cb")
    assert store.resolve(hole("import", ".settings:ISSUER"), red) == lit(ISSUER)
    assert store.all(Export) == [settings]


def test_php_and_powershell_modules_are_their_paths() -> None:
    """PHP includes (`require __DIR__ . '/config.php'` -> `lib.config`) and class names
    (`Endpoints::TOKEN_URL` -> `Endpoints`); PowerShell dot-sourcing and Import-Module by
    path, case-blind; an ambiguous suffix is no match."""
    token = lit(ISSUER + "/auth/token")

    def exp(file: str, language: str) -> Export:
        return Export(**AT, file=file, language=language, name="TOKEN_URL", value=token)

    facts = linked(
        exp("lib/config.php", "php"),
        exp("src/Endpoints.php", "php"),
        exp("a/Urls.php", "php"),
        exp("b/Urls.php", "php"),
        exp("Cxone/Private/Settings.ps1", "powershell"),
        use("lib/cxone.php", SymStr.of(hole("import", "lib.config:TOKEN_URL")), "php"),
        use("src/Client.php", SymStr.of(hole("import", "Endpoints:TOKEN_URL")), "php"),
        use("src/Other.php", SymStr.of(hole("import", "Urls:TOKEN_URL")), "php"),
        use(
            "Cxone/Get-T.ps1",
            SymStr.of(hole("import", "cxone.private.settings:TOKEN_URL")),
            "powershell",
        ),
        use("Cxone/x.py", SymStr.of(hole("import", "Cxone.Private.Settings:TOKEN_URL"))),
    )
    assert value_in(facts, "lib/cxone.php") == token
    assert value_in(facts, "src/Client.php") == token
    assert value_in(facts, "src/Other.php").text is None  # a/Urls.php or b/Urls.php
    assert value_in(facts, "Cxone/Get-T.ps1") == token
    assert value_in(facts, "Cxone/x.py").text is None  # Python does not import PowerShell
