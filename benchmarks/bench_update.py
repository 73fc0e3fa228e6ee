"""Issue 11: streaming a 125 MB register.csv from a local server, against ``curl`` on the same server, same run.

Targets: peak memory growth of the downloading process ≤ 50 MB; throughput ≥ 0.8 × curl's. The file is
generated (invented rows under the register's real header) in a temporary folder and served by
``python -m http.server`` in its own process on 127.0.0.1. Each side runs ``RUNS`` times, alternating;
the medians are compared. ``latgale-stats update --only register`` does what a user's run does: stream to
a hidden temporary file in the data folder, SHA-256 on the way, check the header and the last line,
rename into place with its origin record. Measured: the streaming stage (the issue's measure) and, for
reference, the whole command, which then reads the file with the register reader before keeping it.

    python benchmarks/bench_update.py [MB]
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5
# the real file's shape (FORMATS.md §10): a BOM, `closed` a space for an active entity, `region` 0, `city` an
# address-register code, `atvk` a pre-2021 code (0010000 Rīga)
HEADER = (
    "\ufeffregcode;sepa;name;name_before_quotes;name_in_quotes;name_after_quotes;without_quotes;regtype;regtype_text;"
    "type;type_text;registered;terminated;closed;address;index;addressid;region;city;atvk;reregistration_term\n"
)
ROW = (
    '4000{n:07d};LV00ZZZ4000{n:07d};"SIA ""Piemērs {n}""";SIA;Piemērs {n};"";0;K;Komercreģistrs;SIA;'
    "Sabiedrība ar ierobežotu atbildību;2024-03-15;; ;Rīga, Brīvības iela 1 - 2;1010;101000001;0;100003003;0010000;\n"
)

CHILD = """
import json, resource, sys, time
from pathlib import Path
from latgale_stats.fetch import Net, update
from latgale_stats.fetch import register as ur
from latgale_stats.fetch.http import fetch_to
folder, url, stage = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
net = Net(progress=False)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
if stage == "stream":  # what update does to bring the body in: stream, SHA-256, on disk before it is renamed
    dl = fetch_to(net, net.client(), url, folder / ".register.part", ur.CAP, label="register.csv")
    line = dl.sha256
else:  # the whole command: the stream, then the register reader's check of the file, then its placing
    [outcome] = update(folder, ["register"], net=net)
    assert outcome.status == "new", outcome.line()
    line = outcome.line()
elapsed = time.perf_counter() - start
grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
print(json.dumps({"s": elapsed, "mb": grown, "line": line}))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _make(path: Path, mb: int) -> int:
    target = mb * 1_000_000
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER)
        n, size = 0, len(HEADER.encode())
        block = []
        while size < target:
            row = ROW.format(n=n)
            block.append(row)
            size += len(row.encode())
            n += 1
            if len(block) == 10_000:
                fh.write("".join(block))
                block = []
        fh.write("".join(block))
    return path.stat().st_size


def main() -> None:
    mb = int(sys.argv[1]) if len(sys.argv) > 1 else 125
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        served = root / "served" / "register"
        served.mkdir(parents=True)
        size = _make(served / "register.csv", mb)
        port = _free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "http.server",
                str(port),
                "--bind",
                "127.0.0.1",
                "--directory",
                str(root / "served"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(50):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.1)
            url = f"{base}/register/register.csv"
            env = {**os.environ, "LATGALE_UR_OPENDATA": base, "NO_PROXY": "127.0.0.1"}
            ours, theirs, checked, memory = [], [], [], []
            whole: list[float] = []
            whole_memory: list[float] = []
            for i in range(RUNS):
                out = root / f"curl-{i}.csv"
                os.sync()  # each run starts with no dirty pages of the one before
                start = time.perf_counter()
                subprocess.run(["curl", "-sS", "--noproxy", "*", "-o", str(out), url], check=True)
                theirs.append(time.perf_counter() - start)
                assert out.stat().st_size == size
                out.unlink()
                # a second floor: what update does beyond curl (SHA-256, the file on disk before the rename)
                os.sync()
                start = time.perf_counter()
                subprocess.run(
                    f"curl -sS --noproxy '*' -o {out} {url} && sha256sum {out} >/dev/null && sync {out}",
                    shell=True,
                    check=True,
                )
                checked.append(time.perf_counter() - start)
                out.unlink()
                os.sync()
                data = root / f"raw-{i}"
                data.mkdir()
                for stage, times, peaks in (("stream", ours, memory), ("update", whole, whole_memory)):
                    os.sync()
                    res = subprocess.run(
                        [sys.executable, "-c", CHILD, str(data), url, stage],
                        env=env,
                        capture_output=True,
                        text=True,
                        check=True,
                    )
                    got = json.loads(res.stdout)
                    times.append(got["s"])
                    peaks.append(got["mb"])
                    for p in data.iterdir():
                        p.unlink()
        finally:
            server.terminate()
            server.wait()
    t_ours, t_curl, t_checked = statistics.median(ours), statistics.median(theirs), statistics.median(checked)
    t_whole = statistics.median(whole)
    mbps = size / 1e6
    print(f"file: {mbps:.0f} MB, {RUNS} runs each, medians")
    print(f"curl -o FILE:                           {t_curl:.2f} s  ({mbps / t_curl:.0f} MB/s)")
    print(f"update's streaming (SHA-256, on disk):  {t_ours:.2f} s  ({mbps / t_ours:.0f} MB/s)")
    print(f"curl + sha256sum + sync FILE:           {t_checked:.2f} s  ({mbps / t_checked:.0f} MB/s)")
    print(f"throughput ratio (streaming / curl): {t_curl / t_ours:.2f}  (target ≥ 0.8)")
    print(f"throughput ratio (streaming / curl + sha256sum + sync): {t_checked / t_ours:.2f}  (for reference)")
    print(f"peak memory growth while streaming: {max(memory):.1f} MB (max of runs; target ≤ 50 MB)")
    print(
        f"the whole `update --only register` (streaming, then the register reader's check): {t_whole:.2f} s, "
        f"peak memory growth {max(whole_memory):.1f} MB (for reference: the reader's own benchmark is bench_register)"
    )


if __name__ == "__main__":
    main()
