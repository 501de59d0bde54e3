"""org-scan ORG on the command line: what is refused before anything is sent, and a GitHub App's
installation token (minted from a JWT signed with the App's key) used for the listing and git."""

from __future__ import annotations

from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from orgscan.github_fakes import cassette
from platform_lint import safety
from platform_lint.cli import run
from platform_lint.orgscan.github_setup import GitHubScanSettings, build_source
from platform_lint.orgscan.remote import HttpsRemote

INSTALLATION_TOKEN = "ghs_" + "1nst4ll4t10n" * 3


def _key(tmp_path: Path) -> tuple[Path, rsa.RSAPrivateKey]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path = tmp_path / "app.pem"
    path.write_bytes(pem)
    return path, key


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give either ORG (a GitHub organisation) or --local DIR"),
        (["acme", "--local", "."], "give either ORG (a GitHub organisation) or --local DIR"),
        (
            ["acme", "--app-id", "1"],
            "a GitHub App needs all of --app-id, --private-key-file and --installation-id",
        ),
        (
            ["acme", "--token-env", "NO_SUCH_VARIABLE"],
            "--token-env NO_SUCH_VARIABLE: that environment variable is not set",
        ),
        (
            ["acme", "--api-url", "https://ghe.example.com/"],
            "expected https://api.github.com or a GitHub Enterprise",
        ),
        (["acme/api"], "not a GitHub organisation or user name"),
        (["acme", "--max-wait", "-1"], "--max-wait -1: give a number of seconds"),
    ],
)
def test_bad_options_are_usage_errors_before_any_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    with cassette(None) as (_cas, sent):
        code = run(["org-scan", *args, "--out", str(tmp_path / "out")])
    assert code == 2
    assert message in capsys.readouterr().err
    assert sent.requests == []
    assert not (tmp_path / "out" / "manifest.json").exists()


def test_a_private_key_file_that_is_not_a_key_is_refused_without_printing_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "key.pem"
    secret.write_text("password=hunter2-not-a-key\n")
    args = ["org-scan", "acme", "--app-id", "1", "--installation-id", "7", "--private-key-file", str(secret)]
    code = run([*args, "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert "not a PEM private key" in err and "hunter2" not in err
    (tmp_path / "folder").mkdir()
    code = run([*args[:-1], str(tmp_path / "folder"), "--out", str(tmp_path / "out")])
    assert code == 2 and "--private-key-file" in capsys.readouterr().err


def test_a_github_app_mints_an_installation_token_for_the_listing_and_git(tmp_path: Path) -> None:
    key_file, key = _key(tmp_path)
    settings = GitHubScanSettings(
        org="acme", app_id="4321", private_key_file=key_file, installation_id=777, env={}
    )
    logged: list[str] = []
    source, reader = build_source(settings, tmp_path, logged.append, max_bytes=1000)
    with cassette("app_installation_token.yaml") as (cas, sent):
        refs = list(source.repositories())
        assert cas.all_played
    assert [r.full_name for r in refs] == ["acme/api", "acme/web"]
    (mint_url, mint_headers), (_, list_headers) = sent.requests
    assert mint_url.endswith("/app/installations/777/access_tokens")
    scheme, _, token = mint_headers["Authorization"].partition(" ")
    assert scheme == "Bearer"
    claims = jwt.decode(token, key.public_key(), algorithms=["RS256"])
    assert claims["iss"] == "4321"
    assert list_headers["Authorization"] == f"token {INSTALLATION_TOKEN}"
    assert source.remote() == HttpsRemote("https://github.com", INSTALLATION_TOKEN)  # git gets it too
    assert reader.requests == 1  # the token request is not a listing request
    assert safety.mask(f"x {INSTALLATION_TOKEN} y") == "x *** y"
    assert key_file.read_text().splitlines()[1] not in safety.mask(key_file.read_text())


def test_the_command_stops_on_a_long_rate_limit_says_how_to_resume_and_exits_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_" + "T0k3n" * 8)
    out = tmp_path / "out"
    args = ["org-scan", "acme", "--out", str(out), "--policy", "builtin:recommended", "--max-wait", "30"]
    with cassette("listing_secondary_limit_only.yaml") as (cas, _sent):
        code = run(args)
        assert cas.play_count == 1
    err = capsys.readouterr().err
    assert code == 3
    assert "GitHub rate limit (403): asked to wait 60s" in err
    assert "run the same command again (same --out) to resume this scan after " in err
    assert "GitHub REST: 1 request(s) counted against the rate limit" in err
    assert "T0k3n" not in err and "T0k3n" not in (out / "manifest.json").read_text()
