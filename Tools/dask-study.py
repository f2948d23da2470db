#!/usr/bin/env python3
"""Runs a `hesp study` as K shards on a Dask cluster, then merges them into OUT.

    Tools/dask-study.py [--local-workers N | --scheduler ADDR] --shards K [--hesp PATH]
                        [--retries R] -o OUT -- <hesp study arguments>

Each shard is one call of the `hesp` CLI (`hesp study ... --shard k/K -o SHARD_DIR`) on a Dask
worker; the driver then runs `hesp study merge` over the shard folders, which writes exactly
the files the unsharded study writes. `--local-workers N` starts a LocalCluster of N
single-threaded workers on this machine; `--scheduler ADDR` uses an existing cluster whose
workers have `hesp` (or --hesp PATH) and the study's packages and traces at the same paths.
A failed shard is retried (--retries, default 2) and reported. Nothing in Swift knows about
Dask: the CLI is the contract. Dask `distributed` comes from PyPI; when it is missing, the script
creates a venv beside the repository's build folder (.build/dask-venv) and re-runs itself there.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
VENV = os.path.join(os.path.dirname(HERE), ".build", "dask-venv")


def ensure_distributed():
    try:
        import distributed  # noqa: F401
        return
    except ImportError:
        pass
    if os.environ.get("HESP_DASK_VENV") == "1":
        sys.exit("dask-study: the venv has no `distributed` after installing it")
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        print(f"dask-study: creating {VENV} with dask distributed", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run([python, "-m", "pip", "install", "--quiet", "distributed"], check=True)
    os.environ["HESP_DASK_VENV"] = "1"
    os.execv(python, [python] + sys.argv)


def run_shard(hesp, study_args, shard, count, directory):
    """One shard on a worker: returns (shard, seconds) or raises with hesp's stderr."""
    start = time.time()
    command = [hesp, "study"] + study_args + ["--shard", f"{shard}/{count}", "-o", directory, "--force", "--quiet"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"shard {shard}/{count} failed ({done.returncode}): {done.stderr.strip()}")
    return shard, time.time() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--local-workers", type=int, default=2, help="start a LocalCluster of N workers (default 2)")
    where.add_argument("--scheduler", help="address of an existing Dask scheduler")
    parser.add_argument("--shards", type=int, required=True, help="number of shards K")
    parser.add_argument("--hesp", default=shutil.which("hesp") or os.path.join(os.path.dirname(HERE), ".build", "release", "hesp"))
    parser.add_argument("--retries", type=int, default=2)
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--force", action="store_true", help="passed to `hesp study merge`")
    parser.add_argument("study", nargs=argparse.REMAINDER, help="-- then the hesp study arguments")
    args = parser.parse_args()
    study_args = args.study[1:] if args.study[:1] == ["--"] else args.study
    if args.shards < 1:
        sys.exit("dask-study: error: --shards: must be at least 1")
    if any(a in ("-o", "--output", "--shard") for a in study_args):
        sys.exit("dask-study: error: give -o to this script, not to hesp study; --shard is set per task")
    hesp = os.path.abspath(args.hesp)
    if not os.access(hesp, os.X_OK):
        sys.exit(f"dask-study: error: --hesp: {hesp}: not an executable (build it with swift build -c release)")
    ensure_distributed()
    from distributed import Client, LocalCluster, as_completed

    work = tempfile.mkdtemp(prefix="hesp-dask-")
    try:
        if args.scheduler:
            client = Client(args.scheduler)
        else:
            cluster = LocalCluster(n_workers=args.local_workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, host="127.0.0.1")
            client = Client(cluster)
        directories = [os.path.join(work, f"shard-{k}") for k in range(1, args.shards + 1)]
        futures = [client.submit(run_shard, hesp, study_args, k, args.shards, directories[k - 1],
                                 retries=args.retries, pure=False, key=f"hesp-shard-{k}")
                   for k in range(1, args.shards + 1)]
        start, failed = time.time(), []
        for done, future in enumerate(as_completed(futures), 1):
            try:
                shard, seconds = future.result()
                elapsed = time.time() - start
                eta = elapsed / done * (args.shards - done)
                print(f"dask-study: shard {shard}/{args.shards} done in {seconds:.1f} s "
                      f"({done}/{args.shards}, {eta:.0f} s left)", file=sys.stderr)
            except Exception as error:  # reported, then the run fails
                failed.append(str(error))
        client.close()
        if failed:
            for line in failed:
                print(f"dask-study: error: {line}", file=sys.stderr)
            sys.exit(1)
        merge = [hesp, "study", "merge"] + directories + ["-o", args.output] + (["--force"] if args.force else [])
        sys.exit(subprocess.run(merge).returncode)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
