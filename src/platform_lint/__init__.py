"""platform-lint: checks a repository for evidence that it is run like a product."""

__version__ = "0.1.0"
