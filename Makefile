.PHONY: setup test lint check bench schema

setup:  ## install platform-lint with the test and dev extras
	pip install -e '.[test,dev]'

test:
	python -m pytest

lint:
	ruff check src tests
	mypy

check:  ## platform-lint checks itself
	platform-lint check .

bench:
	python benchmarks/check_bench.py

schema:  ## regenerate the policy JSON Schema from the check-type registry
	python -m platform_lint.policy.schema > schemas/policy.schema.json

.PHONY: docs
docs:  ## regenerate docs/rules.md and docs/contracts.md from the pack and the check-type registry
	python -m platform_lint.docs
