"""Running scan tasks: in this process (one at a time) or in a pool of worker processes.

Workers are started fresh (``spawn``: nothing of the parent's memory is shared), each gets
the policy once, scans one repository at a time, and the pool is replaced after
:data:`TASKS_PER_WORKER` repositories per worker, so a worker's memory cannot creep up
over a long scan. At most two tasks per worker are queued: the parent holds little more than
the manifest entries. A worker that dies (killed by the OOM killer, a crash) breaks the pool;
the repositories it was working on are then re-run one at a time in a new pool, and the one
that kills its worker again is reported ``failed``. A worker exits when its parent is gone.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from platform_lint.orgscan.manifest import Entry
from platform_lint.orgscan.scan import Result, ScanConfig, Task, scan_repository
from platform_lint.orgscan.source import RepositorySource
from platform_lint.policy.model import Policy

TASKS_PER_WORKER = 100
QUEUED_PER_WORKER = 2

_worker: dict[str, Any] = {}


def _init_worker(config: ScanConfig, policy: Policy, parent: int | None) -> None:
    _worker["config"] = config
    _worker["policy"] = policy
    if parent is not None:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while True:  # an orphaned worker (the scan was killed) must not go on writing reports
        if os.getppid() != parent:
            os._exit(1)
        time.sleep(0.5)


def _run(source: RepositorySource, task: Task) -> Result:
    policy: Policy = _worker["policy"]
    return scan_repository(source, task, policy, _worker["config"])


def run_in_process(
    source: RepositorySource, tasks: Sequence[Task], config: ScanConfig, policy: Policy
) -> Iterator[Result]:
    _init_worker(config, policy, None)
    try:
        for task in tasks:
            yield _run(source, task)
    finally:
        _worker.clear()


def _died(task: Task) -> Result:
    reason = (
        "the worker process died while scanning this repository, twice (out of memory, or a crash "
        "in platform-lint or git)"
    )
    return Result(Entry(task.repo.full_name, "failed", reason, None, None, None, 0.0), None, None)


def run_in_pool(
    source: RepositorySource, tasks: Sequence[Task], config: ScanConfig, policy: Policy, workers: int
) -> Iterator[Result]:
    pending: deque[Task] = deque(tasks)
    suspects: deque[Task] = deque()  # in flight when a worker died: re-run one at a time
    budget = TASKS_PER_WORKER * workers  # then a fresh pool: workers do not live forever
    while pending or suspects:
        lost: list[Task] = []  # in flight when the pool broke
        alone = False
        with _pool(config, policy, workers) as pool:
            running: dict[Future[Result], Task] = {}
            submitted = 0
            while not lost:
                alone = bool(suspects)
                queue = suspects if alone else pending
                while queue and len(running) < (1 if alone else workers * QUEUED_PER_WORKER):
                    if alone and running:
                        break
                    if not alone and submitted >= budget:
                        break
                    task = queue.popleft()
                    try:
                        running[pool.submit(_run, source, task)] = task
                    except BrokenProcessPool:  # broke before we noticed: this one never ran
                        queue.appendleft(task)
                        lost.extend(running.values())
                        break
                    submitted += 1
                if lost or not running:
                    break
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    task = running.pop(future)
                    try:
                        result = future.result()
                    except BrokenProcessPool:
                        lost.append(task)
                    else:
                        yield result
                if lost:
                    lost.extend(running.values())  # every task in flight is lost with the pool
        if alone and len(lost) == 1:
            yield _died(lost[0])  # it was running alone: it is the one
        else:
            suspects.extend(sorted(lost, key=lambda t: t.repo.full_name))


def _pool(config: ScanConfig, policy: Policy, workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
        initargs=(config, policy, os.getpid()),
    )


def run_tasks(
    source: RepositorySource, tasks: Sequence[Task], config: ScanConfig, policy: Policy, workers: int
) -> Iterator[Result]:
    """Results in the order they finish. The policy is loaded once, by the parent, and handed to
    each worker (pickled): workers never read a policy file."""
    if workers <= 1 or len(tasks) <= 1:
        return run_in_process(source, tasks, config, policy)
    return run_in_pool(source, tasks, config, policy, min(workers, len(tasks)))
