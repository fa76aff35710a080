#!/usr/bin/env bash
# The map/reduce of docs/scale.md on a real distributed engine: Dask distributed (Debian's
# python3-distributed), a LocalCluster with two worker processes. Map: `it2 summarize
# --partial` as Dask tasks; reduce: `it2 merge`; the result must equal `it2 summarize` byte for byte.
# Usage: tests/dask/run.sh   (IT2=path/to/it2 to test another binary)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
it2=${IT2:-$root/build/native/it2}
work=$root/build/dask-test
# Debian's python, not a pyenv or venv one that lacks Debian's dask packages.
python=/usr/bin/python3

[[ -x $it2 ]] || { echo "tests/dask: $it2 not found: build it first with 'cmake --preset native && cmake --build --preset native'" >&2; exit 2; }
"$python" -c 'import dask.distributed' 2>/dev/null ||
    { echo "tests/dask: Dask is missing: apt-get install python3-distributed (./run-tests.sh installs it)" >&2; exit 2; }

rm -rf "$work"
mkdir -p "$work"
echo "== data: it2 generate --with-errors (replaced, partial and rejected files included)"
status=0
"$it2" generate --schools 10 --teachers-per-school 30 --batches 3 --seed 11 --with-errors --out "$work/data" >/dev/null || status=$?
(( status <= 1 )) || { echo "tests/dask: it2 generate failed ($status)" >&2; exit 2; }
echo "== map on Dask (2 worker processes), reduce with it2 merge"
cd "$work"
"$python" "$root/tests/dask/mapreduce.py" "$it2" "$work/data" "$work" 2022-11-01
