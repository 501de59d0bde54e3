.PHONY: setup check lint test self-check bench schema docs new-family

setup:  ## install platform-lint with the test and dev extras
	pip install -e '.[test,dev]'

# `make check` is what CI runs (.ci/run and .github/workflows/ci.yml), in this order.
check:  ## lint, formatting, types, import contracts, then the tests
	ruff check src tests
	ruff format --check src tests benchmarks
	mypy
	lint-imports --no-cache
	python -m pytest

lint:  ## everything `make check` runs except the tests
	ruff check src tests
	ruff format --check src tests benchmarks
	mypy
	lint-imports --no-cache

test:
	python -m pytest

self-check:  ## platform-lint checks this repository with its own policy
	platform-lint check .

bench:
	python benchmarks/check_bench.py

schema:  ## regenerate the policy JSON Schema from the check-type registry
	python -m platform_lint.policy.schema > schemas/policy.schema.json

docs:  ## regenerate docs/rules.md and docs/contracts.md from the pack and the check-type registry
	python -m platform_lint.docs

new-family:  ## start a family: make new-family NAME=foo (see CONTRIBUTING.md)
	python -m platform_lint.families.scaffold $(NAME)
