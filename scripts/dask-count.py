#!/usr/bin/python3
"""Count a corpus into toklab count shards on a Dask cluster, then (optionally) train from them.

The map step of training past one machine (docs/training-at-scale.md): one
`toklab count-pieces` per input file, as a Dask task, each writing its own Parquet shard into a
folder every worker can see (a shared file system). The reduce step is `toklab train --counts
'SHARDS/*.parquet'`, which merges the shards with DuckDB out of core; with --vocab-size and
--train-out this script runs it at the end.

  # a local cluster of 2 worker processes on loopback (what the test runs)
  /usr/bin/python3 scripts/dask-count.py --shards shards/ --preset o200k --numbers rtl3 \\
      --vocab-size 32000 --train-out out/o200k-32k corpus/*.txt

  # an existing cluster (dask scheduler / dask worker on each machine; toklab installed on each)
  /usr/bin/python3 scripts/dask-count.py --scheduler tcp://10.0.0.1:8786 --shards /shared/shards \\
      --toklab "npx toklab" --preset o200k /shared/corpus/*.jsonl.gz

Every count-pieces gets the same counting options (--preset, --numbers, --special, --uncased,
--field, --max-chars): train --counts refuses shards that differ. Exit status: 0 when every
shard was written (and training succeeded), 1 with the failing input's error otherwise.
"""

import argparse
import os
import shlex
import subprocess
import sys


def count_one(toklab, cwd, count_args, path, shard):
    """One Dask task: count one input file into one shard. Returns (path, shard, seconds)."""
    import time

    started = time.monotonic()
    command = [*toklab, "count-pieces", *count_args, path, "--out", shard, "--quiet"]
    run = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(f"{path}: toklab count-pieces failed ({run.returncode}): {run.stderr.strip()}")
    return path, shard, time.monotonic() - started


def shard_name(index, path):
    """A shard name that is unique per input and readable: 00003-part-0003.txt.parquet."""
    return f"{index:05d}-{os.path.basename(path)}.parquet"


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="input files (one task each)")
    p.add_argument("--shards", required=True, help="folder for the shards (shared by all workers)")
    p.add_argument("--scheduler", help="address of a running Dask scheduler (default: a local cluster)")
    p.add_argument("--local-workers", type=int, default=2, help="local cluster: worker processes (default 2)")
    p.add_argument(
        "--toklab",
        default=None,
        help="how to run toklab on the workers (default: node dist/cli/main.js of this checkout)",
    )
    p.add_argument("--preset", default="gpt2")
    p.add_argument("--numbers", default="none")
    p.add_argument("--special", action="append", default=[], metavar="TOKEN")
    p.add_argument("--uncased", action="store_true")
    p.add_argument("--field")
    p.add_argument("--max-chars")
    p.add_argument(
        "--count-workers",
        default="0",
        help="counting threads per task (default 0: each Dask worker counts on one core)",
    )
    p.add_argument("--memory-limit", default="2GB", help="DuckDB memory limit, per task and for training")
    p.add_argument("--vocab-size", help="train from the shards at the end (needs --train-out)")
    p.add_argument("--train-out", help="where the trained tokenizer goes")
    p.add_argument("--train-arg", action="append", default=[], help="extra toklab train option (repeat)")
    a = p.parse_args(argv)
    if (a.vocab_size is None) != (a.train_out is None):
        p.error("give --vocab-size and --train-out together (or neither)")

    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    toklab = shlex.split(a.toklab) if a.toklab else ["node", os.path.join(here, "dist", "cli", "main.js")]
    cwd = os.getcwd()
    count_args = ["--preset", a.preset, "--numbers", a.numbers, "--workers", a.count_workers]
    count_args += ["--memory-limit", a.memory_limit]
    for t in a.special:
        count_args += ["--special", t]
    if a.uncased:
        count_args.append("--uncased")
    if a.field is not None:
        count_args += ["--field", a.field]
    if a.max_chars is not None:
        count_args += ["--max-chars", a.max_chars]
    for path in a.inputs:
        if not os.path.isfile(path):
            print(f"dask-count: {path}: no such file", file=sys.stderr)
            return 1
    os.makedirs(a.shards, exist_ok=True)

    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        print(
            "dask-count: needs Dask (Debian: apt-get install python3-dask python3-distributed; "
            "pip: pip install 'dask[distributed]')",
            file=sys.stderr,
        )
        return 1

    cluster = None
    if a.scheduler:
        client = Client(a.scheduler)
    else:
        # Loopback only, no dashboard: nothing listens beyond this machine.
        cluster = LocalCluster(
            n_workers=a.local_workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        )
        client = Client(cluster)
    try:
        futures = [
            client.submit(
                count_one,
                toklab,
                cwd,
                count_args,
                os.path.abspath(path),
                os.path.abspath(os.path.join(a.shards, shard_name(i, path))),
                key=f"count-pieces-{i}",
                pure=False,
            )
            for i, path in enumerate(a.inputs)
        ]
        for path, shard, seconds in client.gather(futures):
            print(f"{shard} ({seconds:.1f} s)", file=sys.stderr)
    except RuntimeError as e:
        print(f"dask-count: {e}", file=sys.stderr)
        return 1
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

    if a.vocab_size is None:
        return 0
    train = [*toklab, "train", "--counts", os.path.join(a.shards, "*.parquet"), "--vocab-size", a.vocab_size]
    train += ["--out", a.train_out, "--memory-limit", a.memory_limit, *a.train_arg]
    return subprocess.run(train, cwd=cwd).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
