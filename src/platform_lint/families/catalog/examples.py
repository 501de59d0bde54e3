"""Runnable examples of the catalog family's check types."""

from __future__ import annotations

from platform_lint.families.check_type import Example
from platform_lint.model import State

COMPONENT = """\
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: billing
spec:
  type: service
  lifecycle: production
  owner: group:payments
"""

REGISTERED = (
    Example("A Component in catalog-info.yaml", {"catalog-info.yaml": COMPONENT}, State.PASS, ("entity",)),
    Example(
        "A catalog-info.yaml that is a scaffolder skeleton, not an entity",
        {"catalog-info.yaml": COMPONENT.replace("name: billing", "name: ${{ values.name }}")},
        State.FAIL,
        ("missing",),
    ),
)

ENTITIES_VALID = (
    Example("A complete Component", {"catalog-info.yaml": COMPONENT}, State.PASS, ("valid",)),
    Example(
        "A Component without lifecycle, next to an API without a definition",
        {
            "catalog-info.yaml": COMPONENT.replace("  lifecycle: production\n", "")
            + "---\napiVersion: backstage.io/v1alpha1\nkind: API\nmetadata: {name: billing-api}\n"
            "spec: {type: openapi, lifecycle: production, owner: group:payments}\n"
        },
        State.FAIL,
        ("invalid", "invalid"),
    ),
)

OWNER = (
    Example(
        "The catalog owner is the team CODEOWNERS names",
        {"catalog-info.yaml": COMPONENT, ".github/CODEOWNERS": "* @acme/payments\n"},
        State.PASS,
        ("agrees",),
    ),
    Example(
        "The catalog says payments, CODEOWNERS says platform",
        {"catalog-info.yaml": COMPONENT, ".github/CODEOWNERS": "* @acme/platform\n"},
        State.FAIL,
        ("disagrees",),
    ),
    Example(
        "A Component without an owner",
        {"catalog-info.yaml": COMPONENT.replace("  owner: group:payments\n", "")},
        State.FAIL,
        ("no-owner",),
    ),
)
