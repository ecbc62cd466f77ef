"""Facts: what an integration's files say, in no language's terms, linked across files.

    source file --extract/<language>/--> per-file facts (typed, JSON, cached by content)
                --facts/linker.py------> linked facts (holes filled from other files), once per run
                --facts/profile.py-----> project views (token requests classified, CXone files)
                --checks/--------------> findings

Where things are:

    kinds.py     the fact kinds (frozen dataclasses on cxone_lint.api.facts.Fact)
    symstr.py    SymStr: literal pieces and holes, for every value taken from code
    linker.py    the linker and its stages
    demand.py    which files triage deferred the linker needs after all
    store.py     FactStore: every file's facts decoded and linked once per run (`facts_of(ctx)`)
    profile.py   project-level views rules share (requests, URLs, which files are CXone code)

Fact kinds (kinds.py). Each has the header of `Fact`: file, language, line, column, end line,
end column (1-based, characters, end exclusive, covering the whole literal, key or call, so a
finding can mark its exact region):

    TokenRequest      a request for a token: library, URL, endpoint kind, target, grant,
                      client-authentication styles, body form, PKCE verifier, redirect URI
    AuthorizeRequest  a browser-flow start: response type, PKCE challenge and method, redirect
                      URI, scope, state, nonce
    GrantValue        a grant_type written anywhere       RedirectUri   a redirect_uri value
    JwtEncode         a JWT signed by the code (claims, algorithm, lifetime, key kind)
    JwtDecode         a JWT decoded without verification
    DiscoveryCall     a request for cxone-configuration / openid-configuration
    ConfigRead        a key read from configuration or a discovered document (api_endpoint)
    UrlUse            a CXone URL in code or configuration      PlainHttpUrl  http:// to CXone
    SecretLiteral     a real credential: kind, name, fingerprint, never the value; how to read
                      it from the environment instead (EnvFix)
    BasicCredential   an HTTP Basic credential built from parts
    Sink              a sensitive value printed, logged, raised or returned
    TlsSetting        certificate verification turned off        CorsPolicy  a CORS setting
    Export / Import   module-level values offered, names taken from other modules
    ModuleAlias       an import alias of a module system (TypeScript's `paths`)
    EnvRef / EnvValue an environment variable read by code / set in a .env file
    FileTraits        what a file's text says about it (names CXone, Checkmarx, ...)
    Deferred          a file triage deferred: its imports, its context (facts/demand.py)
    Coverage          how much of a file was read

Values taken from code are `SymStr`; decisions of the extractor are plain vocabulary strings.
A new language fills the same kinds from its own syntax (extract/<language>/); a rule reads
kinds, never a tree or a language name. No fact holds a secret value: literal text reaches a
fact only when it is URL-like or a vocabulary word (extract/common.py).

SymStr holes (symstr.py): `param:x`, `import:MODULE:NAME`, `env:NAME(default)`, `key:a.b` (read
from something unseen), `config:file#a.b`, `call:f`, encoders `enc:b64|uri|form|json|urlencode`,
`alt` (one of several readings), `unknown`, `redacted`. Rules ask `text`, `render()`, `host`,
`startswith()`, `one_of()`, `holes()`.

Linker stages (linker.py): `ImportStage` fills import holes from other modules' `Export` facts
through the language's module system (`MODULE_SYSTEMS`: Python's modules, JavaScript's paths
with `export * from` and tsconfig aliases, PHP's includes and class names, PowerShell's
dot-sourcing and `Import-Module`); `EnvStage` fills env holes from the nearest `.env`'s
`EnvValue` facts. A stage is `holes` + `index(facts)` + `value(hole, where)`:
parameters against call sites and key reads against configuration documents plug in the same
way. The linker never changes the cached per-file facts; it returns linked copies.

To add a fact kind: a dataclass in kinds.py (fields of JSON-able types, SymStr for code values),
emitted by the extractors that can see it, read through `facts_of(ctx)` or a profile view.
"""
