"""docs.license-declared and docs.usage-examples judge by what files say, not by their names."""

from __future__ import annotations

import pytest
from tests.docs.helpers import codes, messages, run_check

from platform_lint.families.docs.license import licence_file_name, recognise
from platform_lint.model import State

LICENSE = "docs.license-declared"
EXAMPLES = "docs.usage-examples"

_APACHE = (
    "                                 Apache License\n                           Version 2.0, January 2004\n"
)
_MIT = "Permission is hereby granted, free of charge, to any person obtaining a copy\nof this software\n"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("LICENSE", True),
        ("licence.md", True),
        ("COPYING.txt", True),
        ("LICENSE-MIT", True),
        ("MIT-LICENSE", True),
        ("UNLICENSE", True),
        ("LICENSE.rst", True),
        ("check_license.sh", False),
        ("license.go", False),
        ("LICENSE.spdx", False),
        ("README.md", False),
    ],
)
def test_licence_files_are_named_as_github_detects_them(name: str, expected: bool) -> None:
    assert licence_file_name(name) is expected


@pytest.mark.parametrize(
    ("text", "licence"),
    [
        (_APACHE, "Apache-2.0"),
        ("MIT License\n\nCopyright (c) 2020 A\n\n" + _MIT, "MIT"),
        ("# SPDX-License-Identifier: MPL-2.0 OR MIT\n", "MPL-2.0 OR MIT"),
        ("GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n", "GPL-3.0"),
        ("GNU LESSER GENERAL PUBLIC LICENSE\n Version 2.1, February 1999\n", "LGPL-2.1"),
        (
            "Redistribution and use in source and binary forms ... to endorse or promote products\n",
            "BSD-3-Clause",
        ),
        ("This is free and unencumbered software released into the public domain.\n", "Unlicense"),
        (
            "Copyright 2024 Acme Corp. All rights reserved.\nThis software is proprietary.\n",
            "proprietary",
        ),
        ("Copyright (c) 2024 Acme Corp\n", None),
        ("MIT\n", "MIT"),
        ("Apache-2.0 OR MIT\n", "Apache-2.0 OR MIT"),
        ("The Unlicense\n", "Unlicense"),
        ("Widgets\n", None),
        ("Licence to be decided by the legal team next quarter, ask around.\n", None),
    ],
)
def test_a_licence_text_is_recognised_by_what_it_says(text: str, licence: str | None) -> None:
    assert recognise(text) == licence


def test_an_apache_licence_under_any_licence_name_passes() -> None:
    outcome = run_check(LICENSE, {"LICENCE.txt": _APACHE, "src/a.py": "x\n"})
    assert outcome.state is State.PASS
    assert messages(LICENSE, outcome) == ["LICENCE.txt is the Apache-2.0 licence"]


def test_an_empty_licence_file_fails_and_a_bare_copyright_too() -> None:
    assert codes(run_check(LICENSE, {"LICENSE": ""})) == ["empty"]
    assert codes(run_check(LICENSE, {"LICENSE.md": "Copyright (c) 2024 Acme\n"})) == ["empty"]


def test_an_unrecognised_text_fails_unless_the_policy_accepts_its_own_terms() -> None:
    terms = {"LICENSE": " ".join(["Acme teams may use this tool internally."] * 8) + "\n"}
    assert codes(run_check(LICENSE, terms)) == ["unrecognised"]
    outcome = run_check(LICENSE, terms, {"accept_unrecognised": True})
    assert outcome.state is State.PASS and [e.code for e in outcome.evidence] == ["custom"]


def test_a_file_that_is_named_license_but_is_a_script_is_not_a_licence() -> None:
    assert codes(run_check(LICENSE, {"check_license.sh": "#!/bin/sh\n" + _MIT})) == ["missing"]


def test_package_metadata_declares_a_licence() -> None:
    for files in (
        {"package.json": '{"name": "w", "license": "MIT"}'},
        {"Cargo.toml": '[package]\nname = "w"\nlicense = "MIT OR Apache-2.0"\n'},
        {"w.gemspec": 'Gem::Specification.new do |s|\n  s.license = "MIT"\nend\n'},
        {"setup.cfg": "[metadata]\nname = w\nlicense = BSD-3-Clause\n"},
        {"pyproject.toml": '[project]\nclassifiers = [\n  "License :: OSI Approved :: MIT License",\n]\n'},
    ):
        outcome = run_check(LICENSE, files)
        assert outcome.state is State.PASS, files
        assert [e.code for e in outcome.evidence] == ["declared"]
    # a file pointer or a placeholder is no licence of its own
    assert codes(run_check(LICENSE, {"pyproject.toml": '[project]\nlicense = {file = "LICENSE"}\n'})) == [
        "missing"
    ]
    assert codes(run_check(LICENSE, {"package.json": '{"license": ""}'})) == ["missing"]
    assert (
        run_check(LICENSE, {"package.json": '{"license": "MIT"}'}, {"package_metadata": False}).state
        is State.FAIL
    )


def test_a_licence_where_github_does_not_detect_one_passes_and_says_so() -> None:
    outcome = run_check(LICENSE, {"docs/LICENSE.md": _MIT})
    assert outcome.state is State.PASS
    assert "GitHub shows a licence only from a file at the root" in messages(LICENSE, outcome)[0]
    assert codes(run_check(LICENSE, {"src/LICENSE": _MIT})) == ["missing"]  # a package's own


def test_reuse_licences_folder_counts() -> None:
    outcome = run_check(LICENSE, {"LICENSES/Apache-2.0.txt": _APACHE})
    assert outcome.state is State.PASS


# -- examples ----------------------------------------------------------------------------------------


def test_an_examples_folder_with_code_passes_and_one_with_prose_only_does_not() -> None:
    outcome = run_check(EXAMPLES, {"README.md": "# W\n", "examples/basic/main.go": "package main\n"})
    assert outcome.state is State.PASS
    assert messages(EXAMPLES, outcome) == [
        "examples/ holds 1 runnable example files (e.g. examples/basic/main.go)"
    ]
    prose = {
        "README.md": "# W\n",
        "samples/README.md": "# Samples\n\nComing soon.\n",
        "samples/shot.png": "x",
    }
    assert codes(run_check(EXAMPLES, prose)) == ["hollow", "missing"]


def test_a_markdown_example_page_with_a_code_block_counts() -> None:
    files = {"README.md": "# W\n", "docs/examples/retry.md": "# Retry\n\n```python\nw.retry(3)\n```\n"}
    assert run_check(EXAMPLES, files).state is State.PASS


def test_examples_in_fixtures_and_template_payload_do_not_count() -> None:
    files = {
        "README.md": "# W\n",
        "tests/fixtures/examples/a.py": "x = 1\n",
        "{{cookiecutter.name}}/examples/a.py": "x = 1\n",
    }
    assert codes(run_check(EXAMPLES, files, {"readme": False})) == ["missing"]


def test_go_testable_examples_count() -> None:
    files = {
        "README.md": "# W\n",
        "client/example_test.go": "package client_test\n\nfunc ExampleClient() {\n}\n",
    }
    outcome = run_check(EXAMPLES, files)
    assert outcome.state is State.PASS
    assert messages(EXAMPLES, outcome) == ["client/example_test.go has Go testable examples (ExampleClient)"]


def test_readme_install_steps_and_plumbing_are_not_usage() -> None:
    readme = (
        '# W\n\n## Installation\n\n```json\n{"features": {}}\n```\n\n```sh\npip install w\n```\n\n'
        "## Usage\n\n```sh\ncd w\nexport W_TOKEN=x\n```\n"
    )
    assert codes(run_check(EXAMPLES, {"README.md": readme})) == ["missing"]
    usage = readme + "\n```sh\nw order chair\n```\n"
    outcome = run_check(EXAMPLES, {"README.md": usage})
    assert outcome.state is State.PASS
    assert messages(EXAMPLES, outcome) == ["README.md shows the command w order chair under 'Usage'"]


def test_a_binary_licence_file_is_a_finding_on_the_file_not_a_crash() -> None:
    outcome = run_check(LICENSE, {"LICENSE": b"\x00\x01\x02MIT\x00"})
    assert outcome.state is State.FAIL
    assert codes(outcome) == ["unreadable"]
    assert outcome.findings[0].location is not None and outcome.findings[0].location.path == "LICENSE"


def test_broken_package_metadata_is_no_licence_and_no_crash() -> None:
    files = {"package.json": '{"license": "MIT"', "Cargo.toml": "[package\nlicense = \n"}
    assert codes(run_check(LICENSE, files)) == ["missing"]
