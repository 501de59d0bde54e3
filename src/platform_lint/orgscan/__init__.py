"""Org-wide scans: every repository of an organisation, checked the way ``check`` checks one.

One module per job: ``source`` (what a repository source is), ``listing`` (finding the
repositories in a local folder), ``clone`` (getting a commit to read: a local git directory
now, a shallow clone later), ``shards``, ``scan`` (one repository, in a worker process),
``runner`` (the pool, resume, progress), ``manifest`` and ``state`` (the output folder),
``history`` (SQLite), ``digest`` (the few numbers taken from a report), and for
``org-report``: ``merge``, ``figures``, ``summary`` (Markdown), ``dashboard`` (HTML),
``charts`` (SVG) and ``badges``. The output layout is described in docs/org-scan.md.
"""
