"""Time the two README commands on a fresh clone: `make run` (cold and warm) and `make test`.

Usage: python3 bench/startup.py [--skip-test]

Clones the committed HEAD into a temporary folder (so nothing set up by hand counts),
runs `make run` on a spare port and polls http://127.0.0.1:PORT/ until it answers 200,
stops it, and does it again in the same clone (warm). Then times `make test` there and
prints the pytest summary line. Only 127.0.0.1 is contacted.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLL_LIMIT_SECONDS = 900


def wait_for_200(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + POLL_LIMIT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"make run exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback only
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.25)
    raise TimeoutError(url)


def time_make_run(clone: Path, port: int) -> float:
    env = {**os.environ, "PORT": str(port)}
    env.pop("DATABASE_URL", None)
    started = time.monotonic()
    process = subprocess.Popen(
        ["make", "run"],  # noqa: S607
        cwd=clone,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_for_200(f"http://127.0.0.1:{port}/", process)
        return time.monotonic() - started
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-test", action="store_true", help="only time make run")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="hub-bench-"))
    clone = workdir / "hub"
    try:
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)  # noqa: S603,S607
        cold = time_make_run(clone, args.port)
        print(f"make run, fresh clone until / answers 200 (cold): {cold:6.1f} s")
        warm = time_make_run(clone, args.port)
        print(f"make run, second run until / answers 200 (warm): {warm:6.1f} s")
        if not args.skip_test:
            started = time.monotonic()
            result = subprocess.run(
                ["make", "test"],  # noqa: S607
                cwd=clone,
                capture_output=True,
                text=True,
                env={k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
            )
            elapsed = time.monotonic() - started
            summary = re.findall(r"^=+ (.*(?:passed|failed).*) =+$", result.stdout, re.M)
            print(f"make test (after make run, SQLite):              {elapsed:6.1f} s")
            print(f"pytest summary: {summary[-1] if summary else 'not found'}")
            if result.returncode:
                print(result.stdout[-3000:], result.stderr[-3000:])
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
