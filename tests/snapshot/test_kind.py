"""The repository's kind, told from real signals in its product, with the evidence shown."""

from __future__ import annotations

import pytest

from platform_lint.snapshot.kind import detect_kind, image_evidence
from platform_lint.snapshot.memory import MemorySnapshot

SERVER_IMAGE = 'FROM python:3.12\nCOPY . /app\nEXPOSE 8080\nCMD ["uvicorn", "app:api", "--port", "8080"]\n'
BUILD_IMAGE = "FROM python:3.12\nCOPY . /src\nRUN pip install -e . && pytest\n"
DEPLOYMENT = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec: {}\n"
PYPROJECT = '[project]\nname = "widgets"\nversion = "1.0.0"\n\n[project.scripts]\nwidgets = "widgets:main"\n'


def kind_of(files: dict[str, str]) -> tuple[str, tuple[str, ...]]:
    found = detect_kind(MemorySnapshot(files))
    return found.kind, found.evidence


def test_a_real_service_needs_an_image_and_a_deployment() -> None:
    kind, evidence = kind_of({"Dockerfile": SERVER_IMAGE, "deploy/k8s/api.yaml": DEPLOYMENT, "app.py": ""})
    assert kind == "service"
    assert any(e.startswith("Dockerfile: EXPOSE 8080") for e in evidence)
    assert "deploy/k8s/api.yaml: kind: Deployment" in evidence


@pytest.mark.parametrize(
    ("manifest", "text"),
    [
        ("Procfile", "web: gunicorn app:api\n"),
        ("fly.toml", "app = 'x'\n"),
        ("chart/Chart.yaml", "apiVersion: v2\nname: api\n"),
        ("compose.yaml", "services:\n  api:\n    build: .\n    ports: ['8080:8080']\n"),
    ],
)
def test_deployment_manifests(manifest: str, text: str) -> None:
    assert kind_of({"Dockerfile": SERVER_IMAGE, manifest: text})[0] == "service"


def test_a_build_only_dockerfile_does_not_make_a_library_a_service() -> None:
    kind, evidence = kind_of({"Dockerfile": BUILD_IMAGE, "pyproject.toml": PYPROJECT, "compose.yaml": ""})
    assert kind == "library"
    assert "pyproject.toml [project], also installs the command widgets" in evidence
    assert "Dockerfile: builds an image, serves nothing" in evidence


def test_an_image_without_a_deployment_is_no_service() -> None:
    kind, evidence = kind_of({"Dockerfile": SERVER_IMAGE, "pyproject.toml": PYPROJECT})
    assert kind == "library"
    assert any("(no deployment manifest)" in e for e in evidence)


def test_a_go_cli() -> None:
    files = {
        "go.mod": "module example.com/tool\n",
        "cmd/tool/main.go": "package main\nfunc main() {}\n",
        "internal/run/run.go": "package run\n",
        "Dockerfile": "FROM golang\nRUN go build ./...\n",
    }
    assert kind_of(files) == ("cli", ("go.mod with a main package: cmd/tool/main.go",))
    assert kind_of({"go.mod": "module x\n", "lib.go": "package x\n"})[0] == "library"


def test_template_payload_makes_a_template_collection_and_never_a_service() -> None:
    files = {
        "templates/svc/template.yaml": "apiVersion: scaffolder.backstage.io/v1beta3\nkind: Template\n",
        "templates/svc/skeleton/Dockerfile": SERVER_IMAGE,
        "templates/svc/skeleton/k8s/deployment.yaml": DEPLOYMENT,
        "templates/svc/skeleton/app.py": "",
        "README.md": "",
    }
    kind, evidence = kind_of(files)
    assert kind == "template-collection"
    assert "templates/svc/skeleton" in evidence[0]


def test_a_spec_repository() -> None:
    files = {f"spec/yaml/api_v{i}.yaml": f"openapi: 3.0.1\ninfo: {{version: '{i}'}}\n" for i in range(8)}
    files |= {"README.md": "", "Dockerfile": "FROM node\nRUN npm install\n", "package.json": "{}"}
    kind, evidence = kind_of(files)
    assert kind == "spec-repository"
    assert evidence[0] == "8 of 11 files are OpenAPI/AsyncAPI documents"


def test_infrastructure() -> None:
    assert kind_of({"main.tf": "", "variables.tf": "", "README.md": ""})[0] == "infrastructure"
    charts = {f"charts/c{i}/Chart.yaml": "name: c\n" for i in range(3)}
    charts |= {f"charts/c{i}/templates/deployment.yaml": DEPLOYMENT for i in range(3)}
    assert kind_of(charts)[0] == "infrastructure"


def test_examples_and_fixtures_tell_nothing() -> None:
    files = {
        "examples/web/Dockerfile": SERVER_IMAGE,
        "examples/web/deployment.yaml": DEPLOYMENT,
        "tests/fixtures/Dockerfile": SERVER_IMAGE,
        "src/lib.rs": "",
        "Cargo.toml": "[package]\nname = 'x'\n",
    }
    assert kind_of(files)[0] == "library"


def test_unknown_when_nothing_tells() -> None:
    assert kind_of({"README.md": "# notes\n"}) == ("unknown", ())


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (SERVER_IMAGE, "EXPOSE 8080, CMD"),
        ('FROM x\nENTRYPOINT ["/bin/controller"]\n', "ENTRYPOINT"),
        ('FROM x\nHEALTHCHECK CMD curl -f http://localhost/\nCMD ["run"]\n', "HEALTHCHECK"),
        ('FROM x\nCMD ["pytest", "-q"]\n', None),
        (BUILD_IMAGE, None),
        ("FROM x\nEXPOSE \\\n  9000\n", "EXPOSE 9000"),
    ],
)
def test_image_evidence(text: str, why: str | None) -> None:
    found = image_evidence(text)
    assert (found is None) if why is None else (found is not None and found.startswith(why))


def test_the_survey_looks_at_the_same_files_through_the_index() -> None:
    """Only files the index finds by extension or name are surveyed: the result is the one a
    look at every product file gives."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from platform_lint.snapshot.kind import _candidates, _survey

    folders = ["", "cmd/app/", "deploy/", "docs/", "charts/x/", "k8s/base/", "src/", "vendor/"]
    names = ["main.go", "x.go", "Chart.yaml", "deployment.yaml", "values.yml", "app.json", "Procfile"]
    names += ["Dockerfile", "Dockerfile.dev", "api.Dockerfile", "Containerfile", "main.tf", "a.proto"]
    names += ["pyproject.toml", "x.gemspec", "fly.toml", "docker-compose.yml", "README.md", ".json"]

    @settings(max_examples=100, deadline=None)
    @given(st.sets(st.tuples(st.sampled_from(folders), st.sampled_from(names)), min_size=1, max_size=25))
    def check(pairs: set[tuple[str, str]]) -> None:
        snapshot = MemorySnapshot({folder + name: "" for folder, name in pairs})
        scope = snapshot.scope
        assert _survey(_candidates(scope)) == _survey(scope.product)

    check()
