"""Run an org-scan of a fake GitHub organisation in its own process (killed and resumed by a test).

Usage: python github_scan_script.py SERVER_ROOT OUT NAME...
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from orgscan.github_fakes import NOW, FileRemote, fixed_source
from platform_lint.orgscan.runner import ScanOptions, run_scan

if __name__ == "__main__":
    root, out, *names = sys.argv[1:]
    source = fixed_source(FileRemote(Path(root)), names)
    options = ScanOptions(out=Path(out), concurrency=2, now=dt.datetime.fromisoformat(NOW))
    run_scan(source, options, sys.stderr)
