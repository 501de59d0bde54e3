"""CODEOWNERS as GitHub reads it: a parser, a pattern compiler and an ownership matcher.

Everything in this package is pure (no I/O): the collector in
``platform_lint.collectors.codeowners`` reads the file and hands the text over.
"""
