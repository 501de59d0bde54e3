"""A docs site confirmed by its content, decision records, and broken relative links on their lines."""

from __future__ import annotations

from tests.docs.helpers import codes, messages, run_check

from platform_lint.model import State

# -- docs site ---------------------------------------------------------------------------------------


def test_mkdocs_with_a_site_name_is_a_docs_site() -> None:
    outcome = run_check("docs.documentation-site", {"mkdocs.yml": "site_name: Widgets\nnav: []\n"})
    assert outcome.state is State.PASS
    assert "MkDocs" in messages("docs.documentation-site", outcome)[0]


def test_a_conf_py_that_is_not_sphinx_is_not_a_docs_site() -> None:
    files = {"app/conf.py": "DEBUG = True\nPORT = 8080\n", "docs/conf.py": "bind = '0.0.0.0'\n"}
    assert codes(run_check("docs.documentation-site", files)) == ["missing"]
    files["docs/conf.py"] = "project = 'w'\nextensions = ['sphinx.ext.autodoc']\n"
    assert run_check("docs.documentation-site", files).state is State.PASS


def test_read_the_docs_and_docusaurus_count() -> None:
    assert run_check("docs.documentation-site", {".readthedocs.yaml": "version: 2\n"}).state is State.PASS
    assert (
        run_check("docs.documentation-site", {"website/docusaurus.config.ts": "export default {}\n"}).state
        is State.PASS
    )


def test_a_docs_folder_with_enough_pages() -> None:
    files = {"docs/a.md": "# A\n", "docs/b.rst": "B\n=\n"}
    assert codes(run_check("docs.documentation-site", files)) == ["missing"]
    assert run_check("docs.documentation-site", files, {"min_pages": 2}).state is State.PASS


def test_a_site_config_in_vendored_code_does_not_count() -> None:
    files = {"vendor/lib/mkdocs.yml": "site_name: lib\n", "node_modules/x/docusaurus.config.js": "x\n"}
    assert codes(run_check("docs.documentation-site", files)) == ["missing"]


# -- decision records ----------------------------------------------------------------------------------


def test_madr_records_in_docs_decisions() -> None:
    files = {"docs/decisions/0001-use-markdown-architectural-decision-records.md": "# Use MADR\n"}
    assert run_check("docs.decision-records", files).state is State.PASS


def test_a_folder_named_adr_without_records_fails() -> None:
    files = {"docs/adr/README.md": "# ADRs\n\nNone yet.\n", "docs/adr/template.md": "# Title\n"}
    assert codes(run_check("docs.decision-records", files)) == ["missing"]


def test_numbered_files_elsewhere_are_not_records() -> None:
    files = {"db/migrations/0001-init.md": "# init\n", "docs/0001-intro.md": "# intro\n"}
    assert codes(run_check("docs.decision-records", files)) == ["missing"]


# -- relative links ------------------------------------------------------------------------------------


def test_a_broken_relative_link_is_a_finding_on_its_line_and_column() -> None:
    files = {"docs/guide.md": "# Guide\n\nSee the [setup](./setup.md#install) page.\n", "README.md": "x\n"}
    outcome = run_check("docs.relative-links", files)
    assert codes(outcome) == ["broken"]
    location = outcome.findings[0].location
    assert location is not None and (location.path, location.line, location.column) == (
        "docs/guide.md",
        3,
        17,
    )
    assert "docs/setup.md is not in the repository" in messages("docs.relative-links", outcome)[0]


def test_links_that_resolve_pass() -> None:
    files = {
        "README.md": "[guide](docs/guide.md) [root](/docs/) [img](docs/img/a%20b.png) [dir](docs)\n"
        "[ref]: docs/guide.md#top\n",
        "docs/guide.md": "[back](../README.md) [api](api/) [api page](api.html) [same](#top)\n",
        "docs/api.md": "# API\n",
        "docs/img/a b.png": "png",
    }
    outcome = run_check("docs.relative-links", files)
    assert outcome.state is State.PASS, outcome
    assert outcome.evidence[0].args["links"] == 8


def test_docs_site_page_urls_are_relative_to_the_page_url() -> None:
    files = {
        "docs/architecture.md": "[install](../installation/) [job](../analysis/job)\n",
        "docs/installation.md": "# Install\n",
        "docs/analysis/job.md": "# Job\n",
    }
    assert run_check("docs.relative-links", files).state is State.PASS


def test_urls_code_templates_footnotes_and_links_above_the_root_are_not_checked() -> None:
    readme = (
        "[site](https://example.com) [mail](mailto:a@b.c) [proto](//cdn.example/x.js)\n"
        "`[code](missing.md)`\n\n```md\n[fenced](missing.md)\n```\n\n    [indented](missing.md)\n\n"
        "[tmpl]({{ cookiecutter.url }}) <!-- [commented](missing.md) -->\n"
        "[actions](../../actions/workflows/ci.yml)\n\n[^1]: A footnote saying something.\n"
    )
    outcome = run_check("docs.relative-links", {"README.md": readme})
    assert outcome.state is State.PASS, outcome


def test_a_copy_of_a_file_is_judged_once_where_it_was_written() -> None:
    text = "Read the [changelog](CHANGELOG.md).\n"
    files = {"CONTRIBUTING.md": text, "docs/contributing.md": text, "CHANGELOG.md": "# Changes\n"}
    assert run_check("docs.relative-links", files).state is State.PASS


def test_links_in_vendored_markdown_are_not_checked() -> None:
    files = {"vendor/lib/README.md": "[gone](gone.md)\n", "README.md": "[ok](README.md)\n"}
    assert run_check("docs.relative-links", files).state is State.PASS


def test_without_markdown_the_check_is_not_applicable() -> None:
    assert run_check("docs.relative-links", {"README.rst": "x\n"}).state is State.NOT_APPLICABLE


def test_max_files_bounds_the_reading() -> None:
    files = {f"docs/p{i:03d}.md": f"# Page {i}\n\n[gone](gone.md)\n" for i in range(30)}
    outcome = run_check("docs.relative-links", files, {"max_files": 10})
    assert len(outcome.findings) == 10
    assert outcome.evidence[0].args == {"checked": 10, "total": 30, "links": 10}
