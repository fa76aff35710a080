"""docs/scale.md's map/reduce on a real distributed engine: Dask distributed.

A LocalCluster with two worker processes runs the map (`it2 summarize --partial`, one task per
group of files); the partials come back through the scheduler, are written as JSON Lines and
reduced with `it2 merge`. The merged summary must equal `it2 summarize` of every file at once,
byte for byte. Usage: mapreduce.py IT2 DATA_DIR WORK_DIR AS_OF
"""
import json
import os
import pathlib
import subprocess
import sys

from dask.distributed import Client, LocalCluster


def map_files(it2, cwd, paths):
    """One map task: the partial summary lines of `paths` (relative to cwd, so the order key is
    the path as `it2 summarize DATA_DIR` sees it). Exit 1 only says the files had problems.
    One thread: each worker runs one task at a time, one worker per core (docs/scale.md)."""
    run = subprocess.run([it2, "summarize", "--partial", "--threads", "1", *paths], cwd=cwd, capture_output=True)
    if run.returncode > 1:
        raise RuntimeError(f"it2 summarize --partial failed ({run.returncode}): {run.stderr.decode()[:400]}")
    return os.getpid(), run.stdout


def main():
    it2, data_dir, work_dir, as_of = sys.argv[1:5]
    work = pathlib.Path(work_dir)
    data = pathlib.Path(data_dir)
    files = sorted(str(p.relative_to(work)) for p in data.rglob("*.json"))
    assert files, f"no .json files under {data}"

    # Deal the files into groups in a scrambled order: the reduce must not depend on which
    # worker saw which file, nor on the order the results come back.
    groups = [files[i::7] for i in range(7)]
    groups.reverse()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        workers = len(client.scheduler_info()["workers"])
        assert workers == 2, f"expected 2 worker processes, the cluster has {workers}"
        futures = client.map(map_files, [it2] * len(groups), [str(work)] * len(groups), groups, pure=False)
        results = client.gather(futures)
    used = {pid for pid, _ in results}
    partials = [lines for _, lines in results]
    assert os.getpid() not in used, "the map ran in the client process, not on the cluster's workers"

    out = work / "partials"
    out.mkdir(exist_ok=True)
    for i, lines in enumerate(partials):
        (out / f"task-{i:02d}.jsonl").write_bytes(lines)
    print(f"   map: {len(files)} files in {len(groups)} Dask tasks on {len(used)} worker process(es)")

    def it2_json(*args):
        run = subprocess.run([it2, *args, "--json", "--as-of", as_of], cwd=work, capture_output=True)
        if run.returncode > 1:
            raise RuntimeError(f"it2 {' '.join(args)} failed ({run.returncode}): {run.stderr.decode()[:400]}")
        return run.stdout

    merged = it2_json("merge", str(out))
    full = it2_json("summarize", str(data.relative_to(work)))
    (work / "merged.json").write_bytes(merged)
    (work / "full.json").write_bytes(full)
    statuses = {f["status"] for f in json.loads(full)["files"]}
    assert {"replaced", "partial", "rejected"} <= statuses, f"the test data lacks a file status: {statuses}"
    if merged != full:
        print("FAIL: the Dask map + it2 merge summary differs from it2 summarize (see build/dask-test/)")
        print("0 passed, 1 failed")
        sys.exit(1)
    print(f"   ok: reduce of {len(partials)} Dask partials = it2 summarize, {len(full)} bytes identical")
    print("1 passed, 0 failed")


if __name__ == "__main__":
    main()
