"""Secrets are found by content and reported masked: each trap has a positive and a negative case."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from platform_lint.cli import run
from platform_lint.engine import FactStore, run_rule
from platform_lint.families.check_type import RunContext
from platform_lint.families.collector import CollectEnv
from platform_lint.families.secrets import samples
from platform_lint.families.secrets.checks import NONE_COMMITTED
from platform_lint.families.secrets.collect import collect_secrets, tier
from platform_lint.families.secrets.detect import scan
from platform_lint.model import Outcome, State
from platform_lint.policy.model import Rule
from platform_lint.snapshot.memory import MemorySnapshot

NOW = dt.datetime(2025, 6, 1, tzinfo=dt.timezone.utc)


def _run(files: dict[str, str | bytes], **params: object) -> Outcome:
    rule = Rule(
        id="defaults.no-committed-secrets",
        title="no secrets",
        characteristic="opinionated-defaults",
        level="bronze",
        severity="error",
        check_type=NONE_COMMITTED.id,
        params=dict(params),
        remediation="rotate",
    )
    return run_rule(rule, FactStore(MemorySnapshot(files), CollectEnv()), RunContext(now=NOW))


def _kinds(outcome: Outcome) -> list[tuple[str, int]]:
    return [(f.args["path"], f.args["line"]) for f in outcome.findings]


def test_a_private_key_in_server_key_is_a_located_finding() -> None:
    outcome = _run({"README.md": "# app\n", "deploy/tls/server.key": "\n" + samples.PRIVATE_KEY})
    assert outcome.state is State.FAIL
    (finding,) = outcome.findings
    assert finding.location is not None
    assert (finding.location.path, finding.location.line, finding.location.column) == (
        "deploy/tls/server.key",
        2,
        1,
    )
    assert "a private key" in NONE_COMMITTED.render(finding)


def test_an_aws_key_pair_in_env_production_is_found_and_masked() -> None:
    env = f"DEBUG=0\nAWS_ACCESS_KEY_ID={samples.AWS_KEY_ID}\nAWS_SECRET_ACCESS_KEY={samples.AWS_SECRET}\n"
    outcome = _run({".env.production": env})
    assert outcome.state is State.FAIL
    assert _kinds(outcome) == [(".env.production", 2), (".env.production", 3)]
    for finding in outcome.findings:
        text = NONE_COMMITTED.render(finding) + repr(finding)
        assert samples.AWS_KEY_ID not in text and samples.AWS_SECRET not in text
        assert samples.AWS_SECRET[:8] not in text


def test_env_example_with_placeholders_passes() -> None:
    example = (
        "AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX\n"
        f"AWS_ACCESS_KEY_ID_DOCS={samples.AWS_DOC_KEY_ID}\n"
        "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
        "SECRET_KEY=changethis\n"
        "GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"
        "STRIPE_KEY=${STRIPE_KEY}\n"
        "POSTGRES_PASSWORD=<your-password-here>\n"
    )
    outcome = _run({".env.example": example, ".env": "SECRET_KEY=changethis\nPOSTGRES_PASSWORD=changethis\n"})
    assert outcome.state is State.PASS, _kinds(outcome)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (samples.PRIVATE_KEY, True),
        (samples.PEM_IN_CODE, False),  # code naming the header is not a key
        (samples.PEM_SNIPPED, False),  # documentation with the body left out
        # a JSON string with escaped newlines: a service-account key file
        (
            '{"private_key": "' + samples.PEM_HEADER + "\\n" + samples.PEM_BODY.replace("\n", "\\n") + '"}',
            True,
        ),
        # a shortened example in an API description
        ('"description": "e.g. `' + samples.PEM_HEADER + '\\nMIIEpQIBAAKCAQEAuyf.\\n-----END`"', False),
    ],
)
def test_private_keys_need_a_body(text: str, found: bool) -> None:
    assert bool(scan(text, generic=False)) is found


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        (f"token = '{samples.GITHUB_TOKEN}'", "github-token"),
        (f"SLACK_BOT_TOKEN: {samples.SLACK_TOKEN}", "slack-token"),
        ("key: AIza" + samples.GENERIC_SECRET[:32] + "abc", "google-api-key"),
        ("stripe = 'sk_" + "live_" + samples.GENERIC_SECRET + "'", "stripe-key"),
        (f"DB_PASSWORD={samples.GENERIC_SECRET}", "generic-secret"),
    ],
)
def test_token_shapes(line: str, kind: str) -> None:
    assert [h.kind for h in scan(line, generic=True)] == [kind]


@pytest.mark.parametrize(
    "line",
    [
        "xoxb-1234567890-1234567890123-abcdefghij",  # sequential digits: a documentation sample
        "token: 'xoxb-my-bot-token'",
        f"password = get_password({samples.GENERIC_SECRET[:5]})",
        "DB_PASSWORD=/run/secrets/db_password",
        "API_KEY=aaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    ],
)
def test_placeholders_and_references_are_not_secrets(line: str) -> None:
    assert scan(line, generic=True) == []


def test_generic_settings_count_only_in_configuration_files() -> None:
    line = f"DB_PASSWORD={samples.GENERIC_SECRET}\n"
    assert _run({"settings.py": line}).state is State.PASS
    assert _run({"config/app.yaml": line.replace("=", ": ")}).state is State.FAIL


def test_binary_files_and_lock_files_are_not_read() -> None:
    data = b"\x00\x01" + samples.PRIVATE_KEY.encode()
    assert _run({"blob.bin": data, "package-lock.json": samples.PRIVATE_KEY}).state is State.PASS
    assert tier("package-lock.json") is None and tier("logo.png") is None
    assert tier(".env.production") == 0 and tier("deploy/server.key") == 0


def test_fixtures_are_noted_not_failed_unless_asked() -> None:
    files: dict[str, str | bytes] = {"cluster/testdata/certs/ca-key.pem": samples.PRIVATE_KEY}
    outcome = _run(files)
    assert outcome.state is State.PASS
    assert [e.code for e in outcome.evidence] == ["scanned", "ignored"]
    assert _run(files, ignore_in=[]).state is State.FAIL


def test_what_the_repository_carries_is_the_scope_models_answer() -> None:
    """Vendored by .gitattributes (no folder name says so): noted as vendored, as every rule sees it."""
    files: dict[str, str | bytes] = {
        ".gitattributes": "imported/** linguist-vendored\n",
        "imported/keys/id_rsa": samples.PRIVATE_KEY,
    }
    outcome = _run(files)
    assert outcome.state is State.PASS
    (ignored,) = [e for e in outcome.evidence if e.code == "ignored"]
    assert "vendored" in str(ignored.args)
    assert _run(files, ignore_in=[]).state is State.FAIL


def test_the_budget_reads_likely_holders_first_and_says_what_it_left() -> None:
    files: dict[str, str | bytes] = {f"src/m{i}.py": "x = 1\n" for i in range(5)}
    files[".env"] = f"API_TOKEN={samples.GENERIC_SECRET}\n"
    outcome = _run(files, max_files=2)
    assert outcome.state is State.FAIL
    unread = [e for e in outcome.evidence if e.code == "unread"]
    assert unread and unread[0].args["count"] == 4
    facts = collect_secrets(MemorySnapshot(files), CollectEnv(), (2, 1 << 20))
    assert facts.scanned == 2 and facts.candidates == 6


def test_the_secret_is_masked_in_every_report_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "repo"
    (repo / "deploy").mkdir(parents=True)
    (repo / ".env.production").write_text(
        f"GITHUB_TOKEN={samples.GITHUB_TOKEN}\nAPI_SECRET={samples.GENERIC_SECRET}\n"
    )
    (repo / "deploy" / "server.key").write_text(samples.PRIVATE_KEY)
    policy = tmp_path / "policy.yml"
    policy.write_text(
        "version: 1\nrules:\n  - {id: defaults.no-committed-secrets, title: t,"
        " characteristic: opinionated-defaults, level: bronze, severity: error,"
        " check: {type: secrets.none-committed}, remediation: rotate}\n"
    )
    outputs = []
    for fmt in ("text", "json", "markdown", "sarif"):
        out = tmp_path / f"report.{fmt}"
        code = run(
            ["check", str(repo), "--policy", str(policy), "--format", fmt, "--output", str(out), "--offline"]
        )
        assert code == 1
        outputs.append(out.read_text())
    outputs.append(capsys.readouterr().out)
    report = json.loads(outputs[1])
    (result,) = [r for r in report["rules"] if r["id"] == "defaults.no-committed-secrets"]
    assert result["state"] == "fail" and len(result["findings"]) == 3
    for text in outputs:
        assert samples.GITHUB_TOKEN not in text
        assert samples.GENERIC_SECRET not in text
        assert samples.PEM_BODY.split("\n")[0] not in text


@pytest.mark.parametrize(
    "text",
    [
        # a Kubernetes Secret whose data is base64 of a URL, or of a placeholder password
        "data:\n  secretUrl: aHR0cHM6Ly9naXN0LmdpdGh1YnVzZXJjb250ZW50LmNvbS9leGFtcGxlL3Jhdw==\n",
        "data:\n  password: bXlzZWNyZXRwYXNzd29yZDEyMw==\n",
        # the well-known sample JWT (sub 1234567890, John Doe)
        "access_token: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
        "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c\n",
        # an example value in an OpenAPI description
        f'{{"openapi": "3.0.1",\n  "client_secret": "{samples.GENERIC_SECRET}"\n}}\n',
    ],
)
def test_examples_and_encoded_placeholders_in_config_are_not_secrets(text: str) -> None:
    assert scan(text, generic=True) == []


def test_a_random_value_in_a_kubernetes_secret_is_one() -> None:
    assert [h.kind for h in scan(f"data:\n  api_key: {samples.GENERIC_SECRET}\n", generic=True)] == [
        "generic-secret"
    ]


def test_api_descriptions_hold_examples_wherever_their_version_key_is() -> None:
    spec = (
        '{\n  "components": {"examples": {"v": {"client_secret": "' + samples.GENERIC_SECRET + '",\n'
        '  "TlsPrivateKey": "'
        + samples.PEM_HEADER
        + "\\n"
        + samples.PEM_BODY.replace("\n", "\\n")
        + '"}}},\n'
        + '  "x": 1,\n' * 300
        + '  "openapi": "3.0.1"\n}\n'
    )
    assert scan(spec, generic=True) == []
    token = spec.replace('"x": 1', f'"token": "{samples.GITHUB_TOKEN}"', 1)
    assert [h.kind for h in scan(token, generic=True)] == ["github-token"]


def test_padding_does_not_hide_a_varied_token_but_a_repeated_body_is_a_placeholder() -> None:
    padded = "ghp_" + "H0st1leT0kenN0tRea1" + "x" * 17
    assert [h.kind for h in scan(f"GITHUB_TOKEN={padded}", generic=True)] == ["github-token"]
    assert scan("GITHUB_TOKEN=ghp_" + "x" * 36, generic=True) == []


def test_short_slack_samples_in_test_code_are_not_tokens() -> None:
    for line in ('inlineToken := "xoxb-1234-xxxxxx"', "app_token: 'xoxb-1234-abcdefgh'"):
        assert scan(line, generic=False) == []


def _ranked_one_by_one(paths: list[str]) -> list[tuple[int, str]]:
    """The reading order, path by path: the rank :func:`tier` gives (the extension's rank for a
    name with an extension, unless it names a key or a lock file), likeliest first."""
    from platform_lint.families.secrets import collect as sc

    buckets: dict[int, list[str]] = {0: [], 1: [], 2: [], 3: []}
    for path in sorted(paths):
        slash, dot = path.rfind("/"), path.rfind(".")
        rank: int | None
        if dot > slash + 1:
            rank = sc._BY_EXTENSION.get(path[dot + 1 :].lower(), -1)
            if rank == -1 or "id_" in path:
                rank = tier(path)
            elif rank == 1 and path[slash + 1 :].lower() in sc._GENERATED_NAMES:
                rank = None
        else:
            rank = tier(path)
        if rank is not None:
            buckets[rank].append(path)
    return [(rank, path) for rank in (0, 1, 2, 3) for path in buckets[rank]]


def test_the_reading_order_by_extension_groups_is_the_order_file_by_file() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from platform_lint.families.secrets.collect import _ranked

    folders = ["", "a/", "id_x/", "deploy/keys/", "x.y/"]
    names = [".env", ".env.production", "app.env", "id_rsa", "id_rsa.pub", "server.key", "a.py", "b.json"]
    names += ["package-lock.json", "Package-Lock.json", "yarn.lock", "logo.png", "id_rsa.png", "Makefile"]
    names += ["Dockerfile.dev", "README", "notes.TXT", "x.unknown", ".json", "credentials.json", "..env"]

    @settings(max_examples=150, deadline=None)
    @given(st.sets(st.tuples(st.sampled_from(folders), st.sampled_from(names)), min_size=1, max_size=30))
    def check(pairs: set[tuple[str, str]]) -> None:
        paths = [folder + name for folder, name in pairs]
        ranked, count = _ranked(MemorySnapshot(dict.fromkeys(paths, "")), 10)
        assert ranked == _ranked_one_by_one(paths)
        assert count == len(ranked)

    check()


# -- a private key is found by its content wherever it is kept, not by a key-like file name --


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("app/settings.py", 'SIGNING_KEY = """\n' + samples.PRIVATE_KEY + '"""\n'),
        (
            "deploy/values.yaml",
            "tls:\n  key: |\n" + "".join(f"    {ln}\n" for ln in samples.PRIVATE_KEY.splitlines()),
        ),
        ("notes.txt", "the key for staging:\n" + samples.PRIVATE_KEY),
    ],
)
def test_a_private_key_in_a_file_not_named_as_a_key_is_found(path: str, text: str) -> None:
    outcome = _run({"README.md": "# app\n", path: text})
    assert outcome.state is State.FAIL
    assert [f.location.path for f in outcome.findings if f.location] == [path]
    assert "a private key" in NONE_COMMITTED.render(outcome.findings[0])


def test_the_same_files_without_a_key_body_pass() -> None:
    files = {
        "README.md": "# app\n",
        "app/settings.py": 'SIGNING_KEY = os.environ["SIGNING_KEY"]\n' + samples.PEM_IN_CODE,
        "deploy/values.yaml": "tls:\n  existingSecret: app-tls\n",
        "notes.txt": "the key for staging is in the vault, not here.\n",
    }
    assert _run(files).state is State.PASS
