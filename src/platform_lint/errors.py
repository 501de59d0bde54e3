"""One exception hierarchy with fixed exit codes.

0 passed, 1 failed at or above ``--fail-on``, 2 usage or configuration error,
3 internal error. ``cli.main`` is the only place that turns these into an exit.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_CONFIG = 2
EXIT_INTERNAL = 3


class PlatformLintError(Exception):
    """Base of every error platform-lint reports to the user without a traceback."""

    exit_code = EXIT_INTERNAL


class UsageError(PlatformLintError):
    """Bad command-line usage: an unknown option value, a missing file argument."""

    exit_code = EXIT_CONFIG


class ConfigError(PlatformLintError):
    """A policy or input file is wrong. The message names file:line:column."""

    exit_code = EXIT_CONFIG

    def __init__(
        self, message: str, *, path: str | None = None, line: int | None = None, column: int | None = None
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.reason = message
        super().__init__(self._format())

    def _format(self) -> str:
        where = ""
        if self.path:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        return f"{where}{self.reason}"


class ConfigErrors(ConfigError):
    """Several configuration errors found at once (all are reported)."""

    def __init__(self, errors: list[ConfigError]) -> None:
        self.errors = errors
        PlatformLintError.__init__(self, "\n".join(str(e) for e in errors))
        self.path = errors[0].path if errors else None
        self.line = errors[0].line if errors else None
        self.column = errors[0].column if errors else None
        self.reason = str(self)


class InputError(PlatformLintError):
    """An input file (a spec handed to ``diff``, a report) cannot be read or parsed."""

    exit_code = EXIT_CONFIG


class EnvironmentFailure(PlatformLintError):
    """Something outside the repository under check failed: the GitHub API unreachable, a 5xx
    or a timeout after retries, a rate limit not lifted in time.

    Collectors and checks raise it (or a subclass) for these and nothing else. The engine
    leaves the rule in ``error`` with this message as the reason; ``--on-error`` decides whether
    that fails the gate. Anything else raised while collecting or checking is taken to come
    from the repository's content and becomes a finding that fails the gate (fail closed).
    """

    exit_code = EXIT_INTERNAL


class GitHubError(PlatformLintError):
    """The GitHub API refused or failed; the message says what and what to do."""

    exit_code = EXIT_INTERNAL
