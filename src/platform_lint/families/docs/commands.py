"""Which code in a document is a command to run, which is other code, and which installs.

A block counts as commands when it names a shell language (``sh``, ``console``, ...),
when a line carries a prompt (``$ make``), or when its first line starts with a program
people run from a terminal (``pip``, ``make``, ``docker``, ``./gradlew``, ...). A code
span counts when it reads as such a command with at least one argument (``pip install x``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from platform_lint.families.docs.markup import CodeBlock, InlineCode

SHELL_LANGS = frozenset(
    {
        "sh",
        "bash",
        "shell",
        "console",
        "zsh",
        "fish",
        "shell-session",
        "shellsession",
        "sh-session",
        "bash-session",
        "powershell",
        "ps1",
        "pwsh",
        "ps",
        "cmd",
        "bat",
        "batch",
        "terminal",
        "command",
        "prompt",
        "bash-prompt",
    }
)

PROGRAMS = frozenset(
    [
        "pip",
        "pip3",
        "pipx",
        "python",
        "python3",
        "py",
        "uv",
        "uvx",
        "poetry",
        "pdm",
        "hatch",
        "conda",
        "mamba",
        "micromamba",
        "tox",
        "nox",
        "pytest",
        "npm",
        "npx",
        "yarn",
        "pnpm",
        "bun",
        "bunx",
        "node",
        "deno",
        "corepack",
        "go",
        "cargo",
        "rustup",
        "make",
        "gmake",
        "cmake",
        "meson",
        "ninja",
        "bazel",
        "bazelisk",
        "docker",
        "docker-compose",
        "podman",
        "nerdctl",
        "kubectl",
        "helm",
        "kustomize",
        "skaffold",
        "minikube",
        "kind",
        "k3d",
        "tilt",
        "terraform",
        "tofu",
        "terragrunt",
        "packer",
        "vagrant",
        "ansible",
        "ansible-playbook",
        "git",
        "gh",
        "curl",
        "wget",
        "brew",
        "apt",
        "apt-get",
        "yum",
        "dnf",
        "apk",
        "zypper",
        "pacman",
        "choco",
        "scoop",
        "winget",
        "snap",
        "nix",
        "nix-shell",
        "devbox",
        "mise",
        "asdf",
        "mvn",
        "gradle",
        "dotnet",
        "gem",
        "bundle",
        "bundler",
        "rake",
        "rails",
        "composer",
        "php",
        "java",
        "sbt",
        "lein",
        "mix",
        "elixir",
        "iex",
        "swift",
        "flutter",
        "dart",
        "task",
        "just",
        "cd",
        "export",
        "source",
        "sudo",
        "bash",
        "sh",
        "zsh",
        "pwsh",
        "gcloud",
        "aws",
        "az",
        "eksctl",
        "copier",
        "cookiecutter",
        "cruft",
        "direnv",
        "pre-commit",
        "ruby",
        "perl",
        "rscript",
        "julia",
        "conan",
        "vcpkg",
        "xcodebuild",
        "flatpak",
    ]
)

_PROMPT = re.compile(r"^\s*(?:\$|PS[^>]*>|C:\\[^>]*>|\u276f)\s+(\S.*)$")
_RELATIVE_PROGRAM = re.compile(r"^\.{1,2}/[\w./-]+|^(?:bin|script|scripts|tools|hack)/[\w.-]+")
_INSTALL = re.compile(
    r"^(?:sudo\s+)?(?:"
    r"(?:pip3?|pipx|uv(?:\s+pip)?|poetry|pdm|conda|mamba|gem|brew|apt(?:-get)?|yum|dnf|apk|choco|scoop"
    r"|winget|snap|cargo|go|npm|pnpm|helm|dotnet\s+tool|composer|mix)\s+(?:install|add|get|i|sync|require)\b"
    r"|(?:yarn|pnpm|npm|bun)\s*$|yarn\s+add\b|npx\s+create|npm\s+init\b|yarn\s+create\b|pnpm\s+create\b"
    r"|docker(?:-compose|\s+compose)?\s+(?:run|up|pull)\b|kubectl\s+apply\b|terraform\s+init\b"
    r"|git\s+clone\b|make(?:\s|$)|go\s+run\b|curl\b.*\|\s*(?:sh|bash)\b|devbox\s+shell\b|nix\s+(?:develop|run)\b"
    r"|copier\s+copy\b|cookiecutter\s|uvx?\s|pipx\s+run\b|helm\s+repo\s+add\b|\./(?:configure|install|setup)"
    r")",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Command:
    """A command found in a document: its line, how it was written and its first line."""

    line: int
    kind: str  # fenced, indented, literal, directive, listing, src, inline
    text: str
    installs: bool


def _command_line(raw: str) -> str | None:
    """The command on a line (prompt removed), or None when the line does not read as one."""
    prompt = _PROMPT.match(raw)
    if prompt:
        return prompt.group(1).strip()
    stripped = raw.strip()
    if not stripped:
        return None
    word = stripped.split()[0]
    if word in PROGRAMS or _RELATIVE_PROGRAM.match(word):
        return stripped
    return None


def block_commands(block: CodeBlock) -> list[Command]:
    """The commands of a code block (empty when it is code in another language)."""
    shell = block.lang in SHELL_LANGS
    found: list[Command] = []
    lines = block.text.splitlines()
    for offset, raw in enumerate(lines):
        text = _command_line(raw)
        if text is None and shell and not found and raw.strip() and not raw.strip().startswith("#"):
            text = raw.strip()  # a shell block: its first line is a command without a known program
        if text is None:
            continue
        line = block.line + offset + (1 if block.kind in ("fenced", "listing", "src") else 0)
        found.append(Command(line, block.kind, text[:200], bool(_INSTALL.match(text))))
    if found and not shell and block.lang and block.lang not in ("", "text", "txt", "none", "plain"):
        # a block in another language (python, yaml) whose line begins with a program name
        # by chance: only prompts count there
        found = [c for c in found if _PROMPT.match(lines[_offset(block, c)])]
    return found


def _offset(block: CodeBlock, command: Command) -> int:
    return command.line - block.line - (1 if block.kind in ("fenced", "listing", "src") else 0)


def inline_command(span: InlineCode) -> Command | None:
    """A code span that reads as a command with an argument (``make setup``, ``pip install x``)."""
    text = span.text.strip()
    prompt = _PROMPT.match(text)
    if prompt:
        text = prompt.group(1).strip()
    words = text.split()
    if len(words) < 2:
        return None
    if words[0] not in PROGRAMS and not _RELATIVE_PROGRAM.match(words[0]):
        return None
    return Command(span.line, "inline", text[:200], bool(_INSTALL.match(text)))


def is_code(block: CodeBlock) -> bool:
    """A block of code in a language other than a shell, with something in it."""
    return bool(block.text.strip()) and block.lang not in SHELL_LANGS
