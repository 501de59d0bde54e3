"""Collect the secrets family's facts: which files hold a secret, by content.

Files are chosen from the listing by name first, most likely holders first: key and
credential files and environment files, then configuration and scripts, then source
and documentation, then every other file that is not known to be binary. At most
``max_files`` of them are read (the policy sets the budget; the facts say how many were
left unread) and each only up to ``max_bytes``. A file is read as bytes and tested
against one cheap trigger expression before it is decoded and scanned line by line.

Every value found is registered with :func:`platform_lint.safety.add_secret`, so no
report, log or annotation can print it even where another rule quotes the line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from platform_lint import safety
from platform_lint.families.collector import CollectEnv
from platform_lint.families.secrets.detect import TRIGGER, Hit, scan
from platform_lint.families.shared.listing import scope_kind
from platform_lint.snapshot.base import RepoSnapshot, looks_binary

DEFAULT_MAX_FILES = 20_000
DEFAULT_MAX_BYTES = 1024 * 1024

_KEY_SUFFIXES = (".pem", ".key", ".p8", ".ppk", ".asc", ".keystore", ".jks", ".tfvars", ".env")
_KEY_NAMES = frozenset(
    {
        "id_rsa",
        "id_dsa",
        "id_ecdsa",
        "id_ed25519",
        ".npmrc",
        ".pypirc",
        ".netrc",
        ".git-credentials",
        ".dockercfg",
        "credentials",
        "credentials.json",
        "secrets.json",
        "secrets.yaml",
        "secrets.yml",
        "service-account.json",
        ".htpasswd",
    }
)
_CONFIG_SUFFIXES = (
    ".yaml",
    ".yml",
    ".json",
    ".toml",
    ".ini",
    ".cfg",
    ".conf",
    ".config",
    ".properties",
    ".xml",
    ".tf",
    ".hcl",
    ".sh",
    ".bash",
    ".zsh",
    ".ps1",
    ".ipynb",
    ".env",
)
_CONFIG_NAMES = frozenset({"dockerfile", "makefile", "procfile", "vagrantfile", "jenkinsfile"})
_SOURCE_SUFFIXES = (
    ".py",
    ".js",
    ".jsx",
    ".mjs",
    ".cjs",
    ".ts",
    ".tsx",
    ".go",
    ".java",
    ".kt",
    ".kts",
    ".scala",
    ".groovy",
    ".gradle",
    ".rb",
    ".php",
    ".cs",
    ".rs",
    ".swift",
    ".c",
    ".h",
    ".cc",
    ".cpp",
    ".hpp",
    ".ex",
    ".exs",
    ".erl",
    ".clj",
    ".pl",
    ".lua",
    ".r",
    ".dart",
    ".sql",
    ".md",
    ".rst",
    ".txt",
    ".adoc",
    ".html",
)
_BINARY_SUFFIXES = (
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".ico",
    ".webp",
    ".bmp",
    ".svg",
    ".pdf",
    ".zip",
    ".gz",
    ".tgz",
    ".bz2",
    ".xz",
    ".7z",
    ".jar",
    ".war",
    ".class",
    ".so",
    ".dll",
    ".dylib",
    ".exe",
    ".woff",
    ".woff2",
    ".ttf",
    ".otf",
    ".eot",
    ".mp3",
    ".mp4",
    ".mov",
    ".wasm",
    ".pyc",
    ".lock",
    ".sum",
)
_GENERATED_NAMES = frozenset({"package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml", "yarn.lock"})


@dataclass(frozen=True)
class FoundSecret:
    """A secret in one file; ``scope`` is None for the product, else fixture, vendored, ..."""

    path: str
    hit: Hit
    scope: str | None = None


@dataclass(frozen=True)
class SecretScan:
    """What the scan found and how much of the repository it read."""

    found: tuple[FoundSecret, ...]
    scanned: int
    candidates: int
    unread: tuple[str, ...] = ()  # candidates past the budget (the first few, for the message)
    unread_count: int = 0


def _extension_tiers() -> dict[str, int | None]:
    tiers: dict[str, int | None] = {}
    for suffixes, rank in (
        (_BINARY_SUFFIXES, None),
        (_SOURCE_SUFFIXES, 2),
        (_CONFIG_SUFFIXES, 1),
        (_KEY_SUFFIXES, 0),
    ):
        for suffix in suffixes:
            tiers[suffix[1:]] = rank
    return tiers


_BY_EXTENSION = _extension_tiers()


def tier(path: str) -> int | None:
    """How likely a file is to hold a secret, by name (0 most likely); None: never read."""
    low = path.rpartition("/")[2].lower()
    if low in _GENERATED_NAMES:
        return None
    if low.startswith((".env", "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519")) or low in _KEY_NAMES:
        return 3 if low.endswith(".pub") else 0
    ext = low.rpartition(".")[2] if "." in low else ""
    if ext in _BY_EXTENSION:
        return _BY_EXTENSION[ext]
    if low in _CONFIG_NAMES or low.startswith(("dockerfile", "docker-compose")):
        return 1
    return 3


def _ranked(snapshot: RepoSnapshot, max_files: int) -> tuple[list[tuple[int, str]], int]:
    """The files to read, likeliest holders first, and how many could hold a secret in all.

    By extension, through the listing's index: a whole group of files takes its extension's
    rank; only dotfiles (``.env.production``), key names, files without a known extension and
    generated lock files go through :func:`tier` one by one. Each rank keeps listing order.
    """
    buckets: dict[int, list[str]] = {0: [], 1: [], 2: [], 3: []}
    for extension, paths in snapshot.index.by_extension().items():
        rank = _BY_EXTENSION.get(extension[1:].lower(), -1) if extension else -1
        if rank == -1:  # no extension, or one that says nothing: name by name
            one_by_one: list[str] = paths
        else:
            alone = "/" + extension  # a dotfile whose whole name is the extension (".env")
            one_by_one = [
                p
                for p in paths
                if "id_" in p
                or p == extension
                or p.endswith(alone)
                or (rank == 1 and p.rpartition("/")[2].lower() in _GENERATED_NAMES)
            ]
            if rank is not None:
                if one_by_one:
                    odd = set(one_by_one)
                    buckets[rank].extend(p for p in paths if p not in odd)
                else:
                    buckets[rank].extend(paths)
            if rank == 1:
                one_by_one = [p for p in one_by_one if p.rpartition("/")[2].lower() not in _GENERATED_NAMES]
        for path in one_by_one:
            found = tier(path)
            if found is not None:
                buckets[found].append(path)
    ranked = [(rank, path) for rank in (0, 1, 2, 3) for path in sorted(buckets[rank])]
    return ranked, len(ranked)


def collect_secrets(snapshot: RepoSnapshot, env: CollectEnv, args: tuple[Any, ...]) -> SecretScan:
    """``args``: (max_files, max_bytes)."""
    max_files = int(args[0]) if args else DEFAULT_MAX_FILES
    max_bytes = int(args[1]) if len(args) > 1 else DEFAULT_MAX_BYTES
    ranked, candidates = _ranked(snapshot, max_files)
    chosen = ranked[:max_files]
    found: list[FoundSecret] = []
    for rank, path in chosen:
        raw = snapshot.read_bytes(path, max_bytes)
        if raw is None or looks_binary(raw) or not TRIGGER.search(raw):
            continue
        text = raw.decode("utf-8", errors="replace")
        hits = scan(text, generic=rank <= 1)
        if not hits:
            continue
        kind = scope_kind(snapshot, path)
        for hit in hits:
            safety.add_secret(hit.value)
            found.append(FoundSecret(path, hit, kind))
    rest = ranked[max_files:]
    return SecretScan(
        tuple(found),
        scanned=len(chosen),
        candidates=candidates,
        unread=tuple(p for _, p in rest[:3]),
        unread_count=candidates - len(chosen),
    )
