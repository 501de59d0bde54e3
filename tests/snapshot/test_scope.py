"""The scope: what the repository's own product is, and what it only carries, with reasons."""

from __future__ import annotations

import pytest

from platform_lint.snapshot.memory import MemorySnapshot
from platform_lint.snapshot.scope import ScopeSettings, classify, generated_marker

BACKSTAGE_TEMPLATE = """\
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata: {name: svc}
spec:
  owner: group:platform
  type: service
  steps:
    - id: fetch
      action: fetch:template
      input:
        url: ./content
"""


def kinds(files: dict[str, str], settings: ScopeSettings | None = None) -> dict[str, str | None]:
    scope = classify(MemorySnapshot(files), settings)
    return {path: scope.kind(path) for path in files}


def test_product_files_stay_product() -> None:
    files = {"README.md": "", "src/app.py": "", "tests/test_app.py": "", "docs/index.md": ""}
    assert set(kinds(files).values()) == {None}


def test_cookiecutter_payload_is_template() -> None:
    found = kinds(
        {
            "cookiecutter.json": "{}",
            "{{cookiecutter.project_slug}}/Dockerfile": "FROM python\nEXPOSE 80\n",
            "{{cookiecutter.project_slug}}/api/openapi.yaml": "openapi: 3.0.0\n",
            "hooks/post_gen_project.py": "",
        }
    )
    assert found["{{cookiecutter.project_slug}}/Dockerfile"] == "template"
    assert found["{{cookiecutter.project_slug}}/api/openapi.yaml"] == "template"
    assert found["cookiecutter.json"] is None and found["hooks/post_gen_project.py"] is None


def test_backstage_payload_is_what_the_template_fetches() -> None:
    found = kinds(
        {
            "templates/svc/template.yaml": BACKSTAGE_TEMPLATE,
            "templates/svc/content/Dockerfile": "FROM x\n",
            "templates/svc/skeleton/README.md": "",  # not fetched by this template
            "templates/other/template.yaml": "kind: Component\n",  # not a Template
            "templates/other/skeleton/a.txt": "",
        }
    )
    assert found["templates/svc/content/Dockerfile"] == "template"
    assert found["templates/svc/template.yaml"] is None  # the descriptor is the product
    assert found["templates/svc/skeleton/README.md"] is None
    assert found["templates/other/skeleton/a.txt"] is None


def test_backstage_skeleton_by_default_and_no_escape_from_the_root() -> None:
    text = BACKSTAGE_TEMPLATE.replace("./content", "./../../../etc")
    found = kinds({"t/template.yaml": text, "t/skeleton/x.txt": "", "etc/passwd": ""})
    assert found["t/skeleton/x.txt"] == "template"
    assert found["etc/passwd"] is None


def test_copier_subdirectory_and_jinja_files() -> None:
    found = kinds(
        {
            "copier.yml": "_subdirectory: template\nname: {type: str}\n",
            "template/{{name}}.py.jinja": "",
            "template/README.md": "",
            "README.md": "",
        }
    )
    assert found["template/{{name}}.py.jinja"] == "template" and found["template/README.md"] == "template"
    assert found["README.md"] is None and found["copier.yml"] is None
    found = kinds({"copier.yaml": "name: {type: str}\n", "pyproject.toml.jinja": "", "README.md": ""})
    assert found["pyproject.toml.jinja"] == "template" and found["README.md"] is None


def test_a_template_kept_under_tests_is_a_fixture() -> None:
    scope = classify(MemorySnapshot({"tests/demo/copier.yml": "", "tests/demo/a.txt.jinja": ""}))
    reason = scope.reason("tests/demo/a.txt.jinja")
    assert reason is not None and reason.kind == "fixture" and "template" in reason.reason


@pytest.mark.parametrize(
    "path",
    [
        "tests/fixtures/petstore.yaml",
        "pkg/foo/testdata/spec.json",
        "src/__fixtures__/a.json",
        "test/data/openapi.yaml",
        "tests/data/specs/x.yaml",
        "tests/api/v1.proto",  # a data file in a test folder
        "web/__snapshots__/a.snap",
    ],
)
def test_fixture_corpora(path: str) -> None:
    assert kinds({path: "", "tests/test_a.py": ""}) == {path: "fixture", "tests/test_a.py": None}


def test_hundreds_of_specs_under_tests_are_not_the_product() -> None:
    files = {f"tests/data/case{i:03d}/openapi.yaml": "openapi: 3.0.0\n" for i in range(300)}
    files["api/openapi.yaml"] = "openapi: 3.0.0\n"
    scope = classify(MemorySnapshot(files))
    assert scope.product == ("api/openapi.yaml",)
    summary = scope.summary()
    assert summary.by_kind == {"fixture": 300}
    assert summary.top[0][:3] == ("tests/data", "fixture", 300)


@pytest.mark.parametrize(
    "path", ["vendor/github.com/x/y.go", "node_modules/a/index.js", "third_party/lib.c", ".venv/lib/x.py"]
)
def test_vendored(path: str) -> None:
    assert kinds({path: ""})[path] == "vendored"


@pytest.mark.parametrize(
    "path",
    [
        "api/v1/service.pb.go",
        "gen/service_pb2.py",
        "gen/service_pb2_grpc.py",
        "pkg/apis/zz_generated.deepcopy.go",
        "package-lock.json",
        "web/go.sum",
        "static/app.min.js",
    ],
)
def test_generated_by_name(path: str) -> None:
    assert kinds({path: ""})[path] == "generated"


def test_generated_by_header() -> None:
    assert generated_marker("// Code generated by protoc-gen-go. DO NOT EDIT.\npackage x\n")
    assert generated_marker("# @generated by tool\n")
    assert not generated_marker("package main\n// we generated this by hand; edit freely\n")


def test_examples() -> None:
    assert kinds({"examples/basic/main.go": "", "samples/a.py": ""}) == {
        "examples/basic/main.go": "example",
        "samples/a.py": "example",
    }


def test_gitattributes_overrides_as_linguist_reads_them() -> None:
    files = {
        ".gitattributes": "gen/** linguist-generated=true\n"
        "vendor/ours/** -linguist-vendored\n"
        "*.snap linguist-vendored\n"
        "docs/api/** linguist-documentation\n",
        "gen/client.ts": "",
        "vendor/ours/lib.go": "",
        "vendor/theirs/lib.go": "",
        "src/ui/a.snap": "",
        "docs/api/index.md": "",
        "web/.gitattributes": "legacy/ linguist-vendored\n",  # relative to its folder
        "web/legacy/x.js": "",
        "legacy/y.js": "",
    }
    found = kinds(files)
    assert found["gen/client.ts"] == "generated"
    assert found["vendor/ours/lib.go"] is None  # unset: the product after all
    assert found["vendor/theirs/lib.go"] == "vendored"
    assert found["src/ui/a.snap"] == "vendored"
    assert found["docs/api/index.md"] == "documentation"
    assert found["web/legacy/x.js"] == "vendored"
    assert found["legacy/y.js"] is None
    reason = classify(MemorySnapshot(files)).reason("gen/client.ts")
    assert reason is not None and reason.reason == "marked linguist-generated in .gitattributes:1"


def test_policy_settings_win() -> None:
    settings = ScopeSettings(product=("examples/**",), exclude=(("legacy/**", "vendored"),))
    found = kinds({"examples/a.py": "", "legacy/old.py": "", "src/a.py": ""}, settings)
    assert found == {"examples/a.py": None, "legacy/old.py": "vendored", "src/a.py": None}


def test_the_outermost_folder_decides_and_reasons_name_it() -> None:
    scope = classify(MemorySnapshot({"vendor/pkg/testdata/x.json": "", "examples/vendor/y.go": ""}))
    assert scope.reason("vendor/pkg/testdata/x.json").root == "vendor"  # type: ignore[union-attr]
    assert scope.reason("examples/vendor/y.go").kind == "example"  # type: ignore[union-attr]


def test_deep_trees_do_not_exhaust_the_stack() -> None:
    deep = "/".join(["d"] * 5000) + "/fixtures/x.json"
    assert classify(MemorySnapshot({deep: ""})).kind(deep) == "fixture"


def test_snapshot_scope_uses_the_settings_given_before_first_use() -> None:
    snapshot = MemorySnapshot({"examples/a.py": ""})
    snapshot.configure_scope(ScopeSettings(product=("examples/**",)))
    assert snapshot.scope.is_product("examples/a.py")
    with pytest.raises(RuntimeError):
        snapshot.configure_scope(ScopeSettings())


# -- folder-by-folder classification agrees with the rules applied file by file -----------------

_PARTS = ["src", "tests", "test", "e2e", "data", "fixtures", "vendor", "examples", "docs", "a"]
_PARTS += ["zz_generated", "{{cookiecutter.name}}", "node_modules", "specs", "skeleton", "resources", "b.c"]
_NAMES = ["app.py", "x_pb2.py", "go.sum", "yarn.lock", "data.json", "conf.yaml", "a.pb.go"]
_NAMES += ["zz_generated.x.go", "zz_generated", "README.md", "notes.txt", "lib.min.js", "x.proto"]
_NAMES += ["Makefile", ".json", "a.b.yaml"]


def _reference(files: tuple[str, ...]) -> dict[str, str]:
    """The scope rules applied one file at a time, from the documented table (no templates)."""
    from platform_lint.snapshot import scope as sc

    out: dict[str, str] = {}
    for path in files:
        parts = path.split("/")
        dirs, name = parts[:-1], parts[-1]
        kind = None
        in_test = False
        for part in dirs:
            if part in sc.VENDOR_DIRS:
                kind = "vendored"
            elif part in sc.FIXTURE_DIRS or (part in sc.TEST_DATA_DIRS and in_test):
                kind = "fixture"
            elif "{{" in part and "cookiecutter." in part:
                kind = "fixture" if in_test else "template"
            elif part in sc.EXAMPLE_DIRS:
                kind = "example"
            if kind:
                break
            in_test = in_test or part in sc.TEST_DIRS
        if kind is None:
            generated = name.endswith(sc.GENERATED_ENDINGS) or name.startswith("zz_generated")
            if name in sc.GENERATED_NAMES or generated:
                kind = "generated"
            elif in_test and name.endswith(sc.DATA_EXTENSIONS):
                kind = "fixture"
        if kind:
            out[path] = kind
    return out


def test_every_file_is_classified_as_the_rules_say_file_by_file() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    paths = st.lists(st.sampled_from(_PARTS), max_size=4).flatmap(
        lambda dirs: st.sampled_from(_NAMES).map(lambda name: "/".join([*dirs, name]))
    )

    @settings(max_examples=150, deadline=None)
    @given(st.sets(paths, min_size=1, max_size=40))
    def check(listed: set[str]) -> None:
        snapshot = MemorySnapshot(dict.fromkeys(listed, ""))
        scope = classify(snapshot)
        got = {p: e.kind for p, e in scope.excluded.items()}
        assert got == _reference(snapshot.files())

    check()
