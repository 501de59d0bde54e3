"""The one place that builds the PyGithub client.

* The API base URL comes from ``GITHUB_API_URL`` (GitHub Enterprise Server works as
  github.com does); the token from the caller or ``GITHUB_TOKEN``/``GH_TOKEN``. The token is
  never logged: every message that leaves this module goes through :func:`mask`.
* Retries happen per HTTP request, below PyGithub, by :class:`_PolicyRetry` (a
  ``urllib3.Retry``): ``Retry-After`` and an exhausted primary rate limit
  (``x-ratelimit-remaining: 0`` plus ``x-ratelimit-reset``) are waited out when the wait is
  no longer than :attr:`RetryPolicy.max_wait`; 5xx answers (and lost connections) are
  retried at most :attr:`RetryPolicy.max_server_retries` times with exponential backoff.
  Every wait of the run is paid from one :class:`RetryBudget`: once a wait would overrun
  it, that request fails, and no later request waits again (:meth:`GitHubClient.calling`
  and the owners adapter then refuse to ask at all). The sleep function and the clock are
  injectable, so tests never sleep.
* :meth:`GitHubClient.calling` turns a ``GithubException`` into
  :class:`platform_lint.errors.GitHubError` with a message that says what to do.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import github
import requests
from github import Auth, GithubException
from urllib3.exceptions import MaxRetryError
from urllib3.util.retry import Retry

from platform_lint import safety
from platform_lint.errors import EnvironmentFailure, GitHubError

DEFAULT_API_URL = "https://api.github.com"
DEFAULT_SERVER_URL = "https://github.com"
TOKEN_ENV = ("GITHUB_TOKEN", "GH_TOKEN")

SleepFn = Callable[[float], None]
ClockFn = Callable[[], float]
LogFn = Callable[[str], None]

DEFAULT_RUN_WAIT = 60.0
"""Seconds a whole run may spend waiting on GitHub (retries and rate limits together)."""


def _stderr(message: str) -> None:
    sys.stderr.write(safety.terminal_text(message) + "\n")


class RetryBudget:
    """The seconds one run may spend waiting on GitHub, shared by all its requests.

    Each wait (a backoff after a 5xx, a ``Retry-After``, a rate-limit reset) is paid from
    it before sleeping. A wait it cannot pay is refused: that request fails with GitHub's
    last answer, and from then on the budget is :attr:`spent`, so no request waits again
    and callers stop asking (a GitHub outage ends a run in bounded time, whatever the
    number of requests the repository's content would cause).
    """

    def __init__(self, seconds: float = DEFAULT_RUN_WAIT) -> None:
        self.seconds = max(0.0, float(seconds))
        self.waited = 0.0
        self.spent = False

    def __repr__(self) -> str:
        return f"RetryBudget(seconds={self.seconds:g}, waited={self.waited:g}, spent={self.spent})"

    @property
    def remaining(self) -> float:
        return max(0.0, self.seconds - self.waited)

    def pay(self, wait: float) -> bool:
        """Pay for one wait; False (and the budget is spent) when it does not fit."""
        if self.spent or wait > self.remaining:
            self.spent = True
            return False
        self.waited += max(0.0, wait)
        return True

    @property
    def message(self) -> str:
        return (
            f"GitHub kept failing or rate-limiting this run, and the {self.seconds:g} s it may "
            f"spend waiting on GitHub (--max-wait) are spent"
        )


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try before giving up on one HTTP request."""

    max_retries: int = 4
    """Retries per request, whatever the reason."""
    max_server_retries: int = 2
    """Retries per request after a 5xx answer or a lost connection (1 s, then 2 s)."""
    max_wait: float = 300.0
    """The longest single wait honoured (``Retry-After`` or until the rate-limit reset)."""
    backoff: float = 1.0
    """First wait after a 5xx answer; doubled on each further one."""
    backoff_max: float = 30.0
    secondary_wait: float = 60.0
    """Wait after a 429 that names no time (GitHub asks for at least a minute)."""
    sleep: SleepFn = field(default=time.sleep, compare=False)
    clock: ClockFn = field(default=time.time, compare=False)
    log: LogFn = field(default=_stderr, compare=False)
    budget: RetryBudget = field(default_factory=RetryBudget, compare=False)
    """What the whole run may still wait; share one between the run's clients."""


def rate_limit_wait(headers: Mapping[str, str], policy: RetryPolicy) -> float | None:
    """Seconds GitHub asks us to wait, or None when the answer is not a rate limit."""
    lower = {k.lower(): v for k, v in headers.items()}
    retry_after = lower.get("retry-after")
    if retry_after is not None:
        try:
            return max(0.0, float(retry_after.strip()))
        except ValueError:
            return policy.secondary_wait
    if lower.get("x-ratelimit-remaining") == "0":
        reset = lower.get("x-ratelimit-reset", "")
        if reset.strip().isdigit():
            return max(0.0, int(reset) - policy.clock() + 1.0)
        return policy.secondary_wait
    return None


class _PolicyRetry(Retry):
    """urllib3 retry that knows GitHub's rate-limit signals (headers only)."""

    planned: float | None = None
    """The wait :meth:`increment` paid for; :meth:`sleep` sleeps exactly that."""

    def __init__(self, *, policy: RetryPolicy | None = None, **kwargs: Any) -> None:
        self.policy = policy or RetryPolicy()
        kwargs.setdefault("total", self.policy.max_retries)
        kwargs.setdefault("allowed_methods", None)  # every method: rate-limited requests were not processed
        kwargs.setdefault("raise_on_status", False)  # give up = hand PyGithub the last answer
        kwargs.setdefault("raise_on_redirect", False)
        kwargs.setdefault("backoff_factor", self.policy.backoff)
        kwargs.setdefault("backoff_max", self.policy.backoff_max)
        kwargs.setdefault("respect_retry_after_header", True)
        super().__init__(**kwargs)

    def new(self, **kw: Any) -> _PolicyRetry:
        kw["policy"] = self.policy
        return super().new(**kw)

    def is_retry(self, method: str, status_code: int, has_retry_after: bool = False) -> bool:
        if not self._is_method_retryable(method):
            return False
        return status_code in (403, 429) or 500 <= status_code <= 599

    def increment(
        self,
        method: str | None = None,
        url: str | None = None,
        response: Any = None,
        error: Exception | None = None,
        _pool: Any = None,
        _stacktrace: Any = None,
    ) -> _PolicyRetry:
        budget = self.policy.budget
        if budget.spent:  # an earlier wait was refused: nothing waits any more in this run
            raise MaxRetryError(_pool, url or "", "retry budget spent")  # type: ignore[arg-type]
        if response is not None and response.status in (403, 429):
            wait = self._wait_for(response)
            if wait is None:  # a real "forbidden": not ours to retry
                raise MaxRetryError(_pool, url or "", "forbidden")  # type: ignore[arg-type]
            if wait > self.policy.max_wait:
                self.policy.log(
                    f"platform-lint: GitHub rate limit: asked to wait {wait:.0f}s, more than the "
                    f"{self.policy.max_wait:.0f}s allowed; giving up on {method} {_path(url)}"
                )
                raise MaxRetryError(_pool, url or "", "rate limit wait too long")  # type: ignore[arg-type]
        elif self._server_failures() >= self.policy.max_server_retries:
            raise MaxRetryError(_pool, url or "", "server kept failing")  # type: ignore[arg-type]
        result = super().increment(method, url, response, error, _pool, _stacktrace)
        if response is not None and 300 <= response.status < 400:
            return result  # a redirect is followed at once: nothing to wait for
        wait = result._planned_wait(response)
        if not budget.pay(wait):
            self.policy.log(
                f"platform-lint: GitHub: not waiting {wait:.0f}s more: the run's {budget.seconds:g}s of "
                f"waiting are spent; giving up on {method} {_path(url)}"
            )
            raise MaxRetryError(_pool, url or "", "retry budget spent")  # type: ignore[arg-type]
        result.planned = wait
        return result

    def _server_failures(self) -> int:
        """Retries this request already made after a 5xx or a lost connection."""
        return sum(1 for h in self.history if h.status is None or h.status >= 500)

    def _wait_for(self, response: Any) -> float | None:
        wait = rate_limit_wait(dict(response.headers.items()), self.policy)
        if wait is None and response.status == 429:
            return self.policy.secondary_wait
        return wait

    def _planned_wait(self, response: Any) -> float:
        wait: float | None = None
        if response is not None:
            wait = self._wait_for(response) if response.status in (403, 429) else None
            if wait is None and response.headers.get("Retry-After"):
                wait = rate_limit_wait(dict(response.headers.items()), self.policy)
        if wait is None:
            wait = self.get_backoff_time() if len(self.history) > 1 else self.policy.backoff
        return min(wait, self.policy.max_wait)

    def sleep(self, response: Any = None) -> None:
        limited = response is not None and (
            response.status in (403, 429) or bool(response.headers.get("Retry-After"))
        )
        reason = "rate limited" if limited else "server error"
        wait = self.planned if self.planned is not None else self._planned_wait(response)
        status = getattr(response, "status", "no answer")
        self.policy.log(f"platform-lint: GitHub answered {status} ({reason}); retrying in {wait:.0f}s")
        if wait > 0:
            self.policy.sleep(wait)


def _path(url: str | None) -> str:
    return (url or "").split("?", 1)[0]


@dataclass(frozen=True)
class GitHubSettings:
    """Where the API is and how to authenticate. ``repr`` never shows the token."""

    token: str | None = field(default=None, repr=False)
    api_url: str = DEFAULT_API_URL
    server_url: str = DEFAULT_SERVER_URL
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    per_page: int = 100

    @classmethod
    def from_env(
        cls, token: str | None = None, env: Mapping[str, str] | None = None, retry: RetryPolicy | None = None
    ) -> GitHubSettings:
        env = os.environ if env is None else env
        if not token:
            token = next((env[name] for name in TOKEN_ENV if env.get(name)), None)
        return cls(
            token=token or None,
            api_url=(env.get("GITHUB_API_URL") or DEFAULT_API_URL).rstrip("/"),
            server_url=(env.get("GITHUB_SERVER_URL") or DEFAULT_SERVER_URL).rstrip("/"),
            retry=retry or RetryPolicy(),
        )


def mask(text: str, secret: str | None) -> str:
    """``text`` with ``secret`` and every other secret :func:`platform_lint.safety.mask` knows
    replaced, so no message can leak the token."""
    if secret and len(secret) >= 4:
        text = text.replace(secret, safety.MASK)
    return safety.mask(text)


def _github_message(exc: GithubException) -> str:
    data = exc.data
    if isinstance(data, dict):
        message = str(data.get("message") or "").strip()
        errors = data.get("errors")
        if isinstance(errors, list) and errors:
            details = "; ".join(
                str(e.get("message") or f"{e.get('resource', '')} {e.get('field', '')} {e.get('code', '')}")
                if isinstance(e, dict)
                else str(e)
                for e in errors
            )
            message = f"{message} ({details.strip()})" if message else details
        return message
    return str(data or "").strip()


def is_rate_limited(exc: GithubException) -> bool:
    if isinstance(exc, github.RateLimitExceededException):
        return True
    headers = {k.lower(): v for k, v in (exc.headers or {}).items()}
    limited = "retry-after" in headers or headers.get("x-ratelimit-remaining") == "0"
    return exc.status in (403, 429) and limited


class GitHubUnavailable(GitHubError, EnvironmentFailure):
    """GitHub could not be reached (connection refused, no such host, a timeout, retries given
    up): the environment, not the repository. A rule that needed it is left in ``error``;
    ``publish`` falls back to workflow commands and the step summary."""


def unreachable(exc: BaseException, action: str, token: str | None = None) -> GitHubUnavailable:
    """A :class:`GitHubUnavailable` saying what could not be done, and why, in one masked line."""
    cause = " ".join(str(exc).split())
    if len(cause) > 200:
        cause = cause[:200] + "…"
    return GitHubUnavailable(mask(f"{action}: GitHub API unreachable ({type(exc).__name__}: {cause})", token))


class GitHubPermissionError(GitHubError):
    """GitHub said 403 (not a rate limit): the token may not do this. Publishers fall back."""


class GitHubRateLimitError(GitHubError, EnvironmentFailure):
    """The rate limit was not lifted within the allowed wait."""


def translate(exc: GithubException, action: str, token: str | None = None) -> GitHubError:
    """A ``GitHubError`` that says what failed and what to do about it."""
    status = exc.status
    said = _github_message(exc)
    tail = f" GitHub said: {said}" if said else ""
    err: GitHubError
    if is_rate_limited(exc):
        err = GitHubRateLimitError(
            f"{action}: GitHub rate limit exceeded ({status}) and not lifted within "
            f"the allowed wait; try again later.{tail}"
        )
    elif status == 401:
        err = GitHubError(f"{action}: the token was refused (401): it is missing, invalid or expired.{tail}")
    elif status == 403:
        err = GitHubPermissionError(
            f"{action}: token lacks permission (fork PR or read-only token) (403); the workflow needs "
            f"'permissions: checks: write, pull-requests: write', or use the workflow_run pattern "
            f"for fork pull requests.{tail}"
        )
    elif status == 404:
        err = GitHubError(
            f"{action}: not found (404): the repository, pull request or check run does not "
            f"exist or the token cannot see it.{tail}"
        )
    elif status == 422:
        err = GitHubError(f"{action}: GitHub rejected the request (422).{tail}")
    elif status >= 500:
        err = GitHubError(f"{action}: GitHub failed ({status}) and kept failing after retries.{tail}")
    else:
        err = GitHubError(f"{action}: GitHub answered {status}.{tail}")
    err.status = status  # type: ignore[attr-defined]
    masked = mask(str(err), token)
    err.args = (masked,)
    return err


class GitHubClient:
    """A PyGithub ``Github`` built from :class:`GitHubSettings`, plus error translation."""

    def __init__(self, settings: GitHubSettings, auth: Auth.Auth | None = None) -> None:
        """``auth`` replaces the token (a GitHub App installation: :func:`app_installation_auth`)."""
        self.settings = settings
        safety.add_secret(settings.token)
        if auth is None and settings.token:
            auth = Auth.Token(settings.token)
        self._auth = auth
        self.github = github.Github(
            auth=auth,
            base_url=settings.api_url,
            retry=_PolicyRetry(policy=settings.retry),
            per_page=settings.per_page,
            lazy=True,
            seconds_between_requests=None,
            seconds_between_writes=None,
            user_agent="platform-lint",
        )

    def __repr__(self) -> str:
        return f"GitHubClient(api_url={self.settings.api_url!r})"

    def current_token(self) -> str | None:
        """The token requests are made with now: a GitHub App installation's is minted on first
        use and again shortly before it expires (one request each time)."""
        if isinstance(self._auth, Auth.AppInstallationAuth):
            with self.calling("getting a GitHub App installation token"):
                token = self._auth.token
            safety.add_secret(token)
            return token
        return self.settings.token

    @property
    def has_token(self) -> bool:
        return bool(self.settings.token)

    @property
    def has_credentials(self) -> bool:
        """A token or a GitHub App installation: requests are made as someone."""
        return self._auth is not None

    def repo(self, full_name: str) -> Any:
        """A lazy ``Repository``: nothing is requested until it is used."""
        return self.github.get_repo(full_name)

    @property
    def budget(self) -> RetryBudget:
        return self.settings.retry.budget

    @contextlib.contextmanager
    def calling(self, action: str) -> Iterator[None]:
        """Translate PyGithub failures inside the block into ``GitHubError``; once the run's
        :class:`RetryBudget` is spent, fail before asking anything."""
        if self.budget.spent:
            raise GitHubError(f"{action}: not asked: {self.budget.message}.")
        try:
            yield
        except GithubException as exc:
            err = translate(exc, action, self.settings.token)
            if self.budget.spent:
                err.args = (f"{err.args[0]} ({self.budget.message}.)",)
            raise err from None
        except requests.exceptions.RequestException as exc:  # no answer at all
            raise unreachable(exc, action, self.settings.token) from None

    def mask(self, text: str) -> str:
        return mask(text, self.settings.token)


def app_installation_auth(app_id: str, private_key: str, installation_id: int) -> Auth.Auth:
    """Authentication as a GitHub App installation: a JWT signed with the App's private key
    (RS256) is exchanged for an installation access token, refreshed before it expires."""
    safety.add_secret(private_key)
    return Auth.AppAuth(app_id, private_key).get_installation_auth(installation_id)


def build_client(
    token: str | None = None, env: Mapping[str, str] | None = None, retry: RetryPolicy | None = None
) -> GitHubClient:
    return GitHubClient(GitHubSettings.from_env(token, env, retry))
