"""argv -> options -> a command's ``run() -> int``. ``sys.exit`` happens here only.

Each sub-command lives in ``platform_lint.commands.<name>`` and exposes
``register(subparsers)``, which adds its parser and sets ``handler``.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Sequence

from platform_lint import __version__, safety
from platform_lint.errors import EXIT_CONFIG, EXIT_INTERNAL, PlatformLintError

COMMANDS = (
    "check",
    "rules",
    "explain",
    "policy",
    "init",
    "owners",
    "diff",
    "badge",
    "publish",
    "org-plan",
    "org-scan",
    "org-report",
)
"""Sub-commands, each the module ``platform_lint.commands.<name>`` (a dash in the name is an
underscore in the module's). Only the one asked for is imported (``--help`` imports all), so a
command does not pay for the others' dependencies."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"platform-lint: error: {message}\n")
        raise SystemExit(EXIT_CONFIG)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="platform-lint", description="Checks a repository for evidence that it is run like a product."
    )
    parser.add_argument("--version", action="version", version=f"platform-lint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    wanted = [a for a in (argv or []) if not a.startswith("-")][:1]
    names = wanted if wanted and wanted[0] in COMMANDS else list(COMMANDS)
    for name in names:
        importlib.import_module(f"platform_lint.commands.{name.replace('-', '_')}").register(sub)
    return parser


def run(argv: Sequence[str] | None = None, *, freeze: bool = False) -> int:
    """Run one command; ``freeze`` (the process's own entry point) exempts what the imports
    built from garbage collection and collects less often."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error already printed
        return exc.code if isinstance(exc.code, int) else EXIT_CONFIG
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_CONFIG
    if freeze:
        # what importing built (modules, registries, compiled patterns) lives as long as the
        # process: the cyclic garbage collector need not walk it again as the run's data grows.
        # A run makes hundreds of thousands of small objects and few cycles: collecting every
        # 100,000 new objects instead of every 700 keeps the collector's share of a large check
        # small (the memory cycles hold is freed a little later)
        gc.freeze()
        gc.set_threshold(100_000, 50, 100)
    try:
        return int(handler(args))
    except PlatformLintError as exc:  # the message may quote hostile input: made safe for a log
        sys.stderr.write(safety.terminal_text(f"platform-lint: {exc}") + "\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("platform-lint: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # an internal error: say so plainly, ask for a report
        import traceback

        sys.stderr.write(
            safety.terminal_text(
                f"platform-lint: internal error: {type(exc).__name__}: {exc}\n"
                "This is a bug in platform-lint; please report it with the trace below.\n"
                + traceback.format_exc()
            )
        )
        return EXIT_INTERNAL


def main() -> None:
    sys.exit(run(freeze=True))


if __name__ == "__main__":
    main()
