"""The README GitHub shows, judged by what it says: where it is, its description, its getting-started
section and its commands however the markup writes them; and the contributing guide."""

from __future__ import annotations

import pytest
from tests.docs.helpers import codes, messages, run_check

from platform_lint.families.docs.markup import prose_words, read_shape
from platform_lint.model import State

DESCRIBED = "# Widgets\n\nWidgets is the service every team uses to order and track hardware.\n\n"


# -- where GitHub finds it ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "README.md",
        "readme.md",
        "Readme.rst",
        "README",
        "README.txt",
        "docs/README.md",
        ".github/README.md",
        "README.adoc",
        "README.org",
    ],
)
def test_a_readme_wherever_github_shows_it_passes(path: str) -> None:
    text = "Widgets is the service every team uses to order and track hardware.\n"
    outcome = run_check("docs.readme-described", {path: text, "src/app.py": "x = 1\n"})
    assert outcome.state is State.PASS, outcome
    assert outcome.evidence[0].args["path"] == path


def test_github_shows_the_readme_in_github_folder_before_the_root() -> None:
    outcome = run_check(
        "docs.readme-described",
        {".github/README.md": DESCRIBED, "README.md": "# x\n", "docs/README.md": "# y\n"},
    )
    assert outcome.state is State.PASS
    assert "in .github/" in messages("docs.readme-described", outcome)[0]


def test_the_root_readme_comes_before_docs() -> None:
    outcome = run_check("docs.readme-described", {"README.md": "# Title only\n", "docs/README.md": DESCRIBED})
    assert outcome.state is State.FAIL  # GitHub shows the root one, which says nothing
    assert codes(outcome) == ["hollow"]


def test_a_readme_deeper_in_the_tree_is_not_shown() -> None:
    outcome = run_check("docs.readme-described", {"src/README.md": DESCRIBED, "pkg/readme.rst": DESCRIBED})
    assert codes(outcome) == ["missing"]


def test_badges_and_html_are_not_a_description() -> None:
    readme = (
        '<p align="center"><img src="logo.png" alt="Widgets logo"></p>\n\n'
        "[![CI](https://ci.example/b.svg)](https://ci.example) [![PyPI](https://pypi/b.svg)](https://pypi)\n"
    )
    outcome = run_check("docs.readme-described", {"README.md": readme})
    assert codes(outcome) == ["hollow"]
    described = readme + '\n<p align="center"><em>A next-generation HTTP client for Python.</em></p>\n'
    assert run_check("docs.readme-described", {"README.md": described}).state is State.PASS


def test_the_description_threshold_comes_from_the_policy() -> None:
    files = {"README.md": "# Widgets\n\nOrders hardware for teams.\n"}
    assert codes(run_check("docs.readme-described", files)) == ["hollow"]
    assert run_check("docs.readme-described", files, {"min_description_words": 4}).state is State.PASS


def test_a_binary_readme_is_a_finding_on_the_file() -> None:
    outcome = run_check("docs.readme-described", {"README.md": b"\x00\x01\x02"})
    assert codes(outcome) == ["unreadable"]
    assert outcome.findings[0].location is not None and outcome.findings[0].location.path == "README.md"


# -- getting started ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "section",
    [
        "## Quick start\n",
        "## Getting Started\n",
        "Installation\n------------\n",
        "### How to use it\n",
        "<h2>Usage</h2>\n",
        "## Set-up\n",
    ],
)
def test_a_getting_started_section_passes(section: str) -> None:
    outcome = run_check("docs.readme-getting-started", {"README.md": DESCRIBED + section + "\nText.\n"})
    assert outcome.state is State.PASS, section


def test_without_a_section_an_install_command_passes() -> None:
    files = {"README.md": DESCRIBED + "```console\n$ helm repo add acme https://charts.acme.dev\n```\n"}
    outcome = run_check("docs.readme-getting-started", files)
    assert [f.code for f in outcome.evidence] == ["install-command"]


def test_neither_a_section_nor_an_install_command_fails() -> None:
    files = {"README.md": DESCRIBED + "## License\n\nMIT\n\n## Authors\n\nUs.\n"}
    assert codes(run_check("docs.readme-getting-started", files)) == ["no-section"]


def test_without_a_readme_getting_started_is_not_applicable() -> None:
    outcome = run_check("docs.readme-getting-started", {"src/a.py": "x\n"})
    assert outcome.state is State.NOT_APPLICABLE


def test_a_heading_inside_a_code_block_is_not_a_section() -> None:
    files = {"README.md": DESCRIBED + "```markdown\n## Installation\n```\n"}
    assert codes(run_check("docs.readme-getting-started", files)) == ["no-section"]


# -- commands ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("readme", "path", "kind"),
    [
        (DESCRIBED + "```sh\nmake setup\n```\n", "README.md", "fenced"),
        (DESCRIBED + "Run:\n\n    make setup\n", "README.md", "indented"),
        (DESCRIBED + "Run `make setup` once.\n", "README.md", "inline"),
        ("Widgets\n=======\n\nSet it up::\n\n    pip install widgets\n", "README.rst", "literal"),
        ("Widgets\n=======\n\n.. code-block:: console\n\n   $ tox -e py\n", "README.rst", "directive"),
        ("= Widgets\n\n[source,sh]\n----\n./gradlew build\n----\n", "README.adoc", "listing"),
        ("* Widgets\n\n#+BEGIN_SRC sh\nmake\n#+END_SRC\n", "README.org", "src"),
        ("Widgets\n\n    $ make install\n", "README", "indented"),
    ],
)
def test_commands_count_however_the_markup_writes_them(readme: str, path: str, kind: str) -> None:
    outcome = run_check("docs.readme-runnable", {path: readme})
    assert outcome.state is State.PASS, outcome
    assert outcome.evidence[0].args["kind"] == kind


def test_a_python_sample_is_code_not_a_command() -> None:
    files = {"README.md": DESCRIBED + "```python\nimport widgets\nwidgets.order('x')\n```\n"}
    assert codes(run_check("docs.readme-runnable", files)) == ["none"]
    outcome = run_check("docs.readme-runnable", files, {"accept": ["commands", "code"]})
    assert [f.code for f in outcome.evidence] == ["code"]


def test_a_comment_in_a_code_sample_is_not_a_command() -> None:
    files = {"README.md": DESCRIBED + '```hcl\n# make the VPC\nmodule "vpc" {}\n```\n'}
    assert codes(run_check("docs.readme-runnable", files)) == ["none"]


def test_an_inline_word_is_not_a_command() -> None:
    files = {"README.md": DESCRIBED + "Set `make` and `docker` up, see `config.yaml`.\n"}
    assert codes(run_check("docs.readme-runnable", files)) == ["none"]


def test_a_list_continuation_is_not_an_indented_block() -> None:
    files = {"README.md": DESCRIBED + "- first item\n\n    make sure the list goes on\n"}
    assert codes(run_check("docs.readme-runnable", files)) == ["none"]


def test_commands_in_a_document_the_readme_links_to() -> None:
    files = {
        "README.md": DESCRIBED + "Development: see [development.md](./development.md).\n",
        "development.md": "# Development\n\n```bash\ndocker compose watch\n```\n",
    }
    outcome = run_check("docs.readme-runnable", files)
    assert [f.code for f in outcome.evidence] == ["linked-command"]
    assert outcome.evidence[0].location is not None and outcome.evidence[0].location.path == "development.md"
    assert codes(run_check("docs.readme-runnable", files, {"follow_links": False})) == ["none"]


# -- contributing --------------------------------------------------------------------------------------

GUIDE = (
    "Fork the repository, create a branch, run the tests with tox and open a pull request saying "
    "what changed for users and why.\n"
)


@pytest.mark.parametrize(
    "path",
    [
        "CONTRIBUTING.md",
        ".github/CONTRIBUTING.md",
        "docs/CONTRIBUTING.rst",
        "contributing.txt",
        ".github/contributing.md",
        "CONTRIBUTING.adoc",
        "docs/Contributing.md",
    ],
)
def test_a_contributing_guide_in_githubs_places(path: str) -> None:
    outcome = run_check("docs.contributing", {path: "Contributing\n============\n\n" + GUIDE})
    assert outcome.state is State.PASS, path


def test_a_contributing_guide_elsewhere_is_not_found() -> None:
    outcome = run_check("docs.contributing", {"ui/app/CONTRIBUTING.md": GUIDE})
    assert codes(outcome) == ["missing"]


def test_a_stub_that_points_to_the_guide_passes() -> None:
    files = {
        "CONTRIBUTING.md": "See [docs/CONTRIBUTING.md](docs/CONTRIBUTING.md).\n",
        "docs/CONTRIBUTING.md": "# Contributing\n\n" + GUIDE,
    }
    outcome = run_check("docs.contributing", files)
    assert [f.code for f in outcome.evidence] == ["found-linked"]
    assert codes(run_check("docs.contributing", {"CONTRIBUTING.md": "TODO\n"})) == ["hollow"]


# -- the readers -------------------------------------------------------------------------------------


def test_prose_words_skip_images_tags_and_link_targets() -> None:
    assert prose_words('[![b](https://x/y.svg)](https://x) <img src="a.png"> see [the docs](https://d)') == 3


def test_an_unclosed_fence_does_not_hang_or_crash() -> None:
    shape = read_shape("# T\n\n```sh\nmake\n", "md")
    assert shape.blocks and shape.blocks[0].text == "make"
