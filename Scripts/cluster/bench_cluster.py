"""The cluster benchmark of issue 12 (run by Scripts/bench-cluster.sh in `make bench`).

1. The same 20,000 listings over 100 compounds (copies of data/sample-compound.json) as one
   report through the API, timed from POST to done: the embedded process on SQLite, 1 replica
   on PostgreSQL, 3 replicas on PostgreSQL behind HAProxy. Listings/s and peak resident memory
   (VmHWM, summed over the replicas; PostgreSQL's own memory is not counted).
2. 10,000 stored scenes: wrk p50/p99 of GET scene (a random scene per request) and of the
   cached sunlight table, through the front and straight to one replica.
"""

import os
import subprocess
import sys
import tempfile
import time

from cluster import (SAMPLE, Replica, flats_of, listings_over, post_report, psql, request, save_scene, start_front,
                     stop_all, wait_report)

BIN = sys.argv[1]
DB = os.environ["SUNSPOT_TEST_POSTGRES"]
TMP = tempfile.mkdtemp(prefix="sunspot-bench-")
# The sizes; smaller ones through the environment for a quick look (BENCH_LISTINGS=2000 …).
LISTINGS = int(os.environ.get("BENCH_LISTINGS", 20_000))
COMPOUNDS = int(os.environ.get("BENCH_COMPOUNDS", 100))
SCENES = int(os.environ.get("BENCH_SCENES", 10_000))
OPEN = ["--rate-limit", "100000000", "--rate-burst", "100000000", "--max-connections-per-address", "4096",
        "--report-queue", "1000", "--report-jobs-per-client", "1000"]
PG = OPEN + ["--trusted-proxy", "127.0.0.1"]


def fresh_database():
    """An empty schema for the next configuration (same server, same settings)."""
    psql(DB, "DROP TABLE IF EXISTS report_pdf_part, report_pdf_row, report_pdf, report_chunk, report_row, report_job, scene_revision, scene, schema_migrations CASCADE")


def report_run(label, front, replicas):
    ids = [save_scene(front, SAMPLE)["id"] for _ in range(COMPOUNDS)]
    listings = listings_over(ids, flats_of(SAMPLE), LISTINGS)
    t0 = time.monotonic()
    job = post_report(front, listings, "127.0.0.1")
    state = wait_report(front, job, "127.0.0.1", time.monotonic() + 900)
    seconds = time.monotonic() - t0
    assert state["status"] == "done", state
    memory = sum(r.peak_rss_mib() for r in replicas)
    return label, LISTINGS / seconds, seconds, memory


def wrk(url, script=None, seconds=5):
    args = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency"] + (["-s", script] if script else []) + [url]
    out = subprocess.run(args, capture_output=True, text=True).stdout
    fields = {line.split()[0]: line.split()[1] for line in out.splitlines() if line.strip()[:3] in ("50%", "99%")}
    rps = next((line.split()[1] for line in out.splitlines() if line.startswith("Requests/sec")), "?")
    non2xx = next((line.split()[-1] for line in out.splitlines() if "Non-2xx" in line), "0")
    return rps, fields.get("50%", "?"), fields.get("99%", "?"), non2xx


def main():
    rows = []
    try:
        embedded = Replica(BIN, TMP, "embedded", os.path.join(TMP, "embedded.sqlite"), OPEN).start()
        rows.append(report_run("embedded, SQLite", embedded.port, [embedded]))
        embedded.proc.terminate()
        embedded.proc.wait()

        fresh_database()
        one = Replica(BIN, TMP, "pg1", DB, PG).start()
        rows.append(report_run("1 replica, PostgreSQL", one.port, [one]))
        one.proc.terminate()
        one.proc.wait()

        fresh_database()
        replicas = [Replica(BIN, TMP, f"pg3-{i}", DB, PG).start() for i in range(3)]
        front = start_front(TMP, replicas, 1_000_000_000, 10)
        rows.append(report_run("3 replicas, PostgreSQL, HAProxy", front, replicas))

        print(f"\n{LISTINGS} listings over {COMPOUNDS} compounds as one report through the API ({os.path.relpath(BIN)}, {os.cpu_count()} cores)")
        print(f"| {'setup':<34} | {'listings/s':>10} | {'seconds':>8} | {'peak RSS MiB':>12} |")
        print(f"|{'-' * 36}|{'-' * 12}|{'-' * 10}|{'-' * 14}|")
        for label, rate, seconds, memory in rows:
            print(f"| {label:<34} | {rate:>10.0f} | {seconds:>8.1f} | {memory:>12.0f} |")
        sqlite_rate, pg_rate = rows[0][1], rows[1][1]
        print(f"cost of a listing, PostgreSQL / SQLite (1 process each): {sqlite_rate / pg_rate:.2f}x (target <= 1.5x)")

        # 10,000 stored scenes on the 3-replica cluster (already holding the report's 100).
        for _ in range(SCENES - COMPOUNDS):
            save_scene(front, SAMPLE)
        ids = psql(DB, "SELECT id FROM scene ORDER BY random()").split()
        script = os.path.join(TMP, "scenes.lua")
        with open(script, "w") as lua:
            lua.write("ids = {" + ",".join(f'"{i}"' for i in ids) + "}\n"
                      "request = function() return wrk.format('GET', '/v1/scenes/' .. ids[math.random(#ids)]) end\n")
        table = f"/v1/scenes/{ids[0]}/flats/3/5/east/sunlight?year=2026"
        for port in (front, replicas[0].port):
            request(port, "GET", table)  # the first computes; wrk then measures the cached answer
        print(f"\n{len(ids)} stored scenes, wrk 2 threads x 16 connections, 5 s per row")
        print(f"| {'route':<44} | {'req/s':>9} | {'p50':>8} | {'p99':>8} | {'non-2xx':>7} |")
        print(f"|{'-' * 46}|{'-' * 11}|{'-' * 10}|{'-' * 10}|{'-' * 9}|")
        for where, port in (("front", front), ("replica", replicas[0].port)):
            rps, p50, p99, bad = wrk(f"http://127.0.0.1:{port}/", script)
            print(f"| {'GET /v1/scenes/{random id}, ' + where:<44} | {rps:>9} | {p50:>8} | {p99:>8} | {bad:>7} |")
            rps, p50, p99, bad = wrk(f"http://127.0.0.1:{port}{table}")
            print(f"| {'GET .../sunlight (cached), ' + where:<44} | {rps:>9} | {p50:>8} | {p99:>8} | {bad:>7} |")
    finally:
        stop_all()
    subprocess.run(["rm", "-rf", TMP])


main()
