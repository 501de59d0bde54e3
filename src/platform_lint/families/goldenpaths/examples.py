"""Runnable examples of the goldenpaths family's check types."""

from __future__ import annotations

from platform_lint.families.check_type import Example
from platform_lint.model import State

BACKSTAGE = """\
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: python-service
  title: Python service
spec:
  owner: group:platform
  type: service
  parameters:
    - title: Service
      required: [name]
      properties:
        name: {type: string}
  steps:
    - id: fetch
      action: fetch:template
      input: {url: ./skeleton}
    - id: publish
      action: publish:github
"""

SAM = """\
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: {Handler: app.handler, Runtime: python3.12}
"""

TEMPLATES = (
    Example(
        "A Backstage scaffolder template",
        {
            "templates/python/template.yaml": BACKSTAGE,
            "templates/python/skeleton/README.md": "# ${{ values.name }}\n",
        },
        State.PASS,
        ("offered",),
    ),
    Example("An AWS SAM template.yaml is not a golden path", {"template.yaml": SAM}, State.FAIL, ("none",)),
)

TEMPLATE_VALID = (
    Example("A well-formed Backstage template", {"template.yaml": BACKSTAGE}, State.PASS, ("valid",)),
    Example(
        "A Backstage template without an owner, whose second step has no action",
        {
            "template.yaml": BACKSTAGE.replace("  owner: group:platform\n", "").replace(
                "      action: publish:github\n", ""
            )
        },
        State.FAIL,
        ("invalid", "invalid"),
    ),
)

SOURCE_TEMPLATE = (
    Example(
        "copier recorded the template and its commit",
        {
            ".copier-answers.yml": "_commit: v1.4.0\n_src_path: gh:acme/python-template\n"
            "project_name: billing\n"
        },
        State.PASS,
        ("recorded",),
    ),
    Example(
        "cruft recorded the template but no commit",
        {".cruft.json": '{"template": "https://github.com/acme/service-template", "context": {}}\n'},
        State.FAIL,
        ("unpinned", "recorded"),
    ),
    Example("No record of a template", {"README.md": "# billing\n"}, State.FAIL, ("none",)),
)
