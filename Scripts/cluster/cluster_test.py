"""The cluster checks of issue 12 against real processes on loopback.

Started by Scripts/cluster-test.sh inside Scripts/with-postgres.sh (which exports
SUNSPOT_TEST_POSTGRES and the PG_* variables). Starts 3 sunspotd replicas on the database,
HAProxy with deploy/haproxy.cfg in front, and a single-process reference daemon on SQLite;
stops all of them on the way out, whatever happens. Stdlib only.

Checks (each prints one line; any failure exits 1):
  if-match  30 concurrent PUTs from one revision spread over the replicas: one 200, 29 412,
            revision + 1; 20 rounds
  rate      one address throttled at the front while a second one gets only 200s
  slow      300 slow request heads from 30 addresses: a normal client's p99 < 100 ms, every
            slow connection cut
  kill      kill -9 the replica holding a running chunk of a 2,000-listing report: the report
            completes with one row per listing, equal to the single-process report, and a
            chunk was claimed more than once
  pdf       a report's PDFs (asked for with the job) are drawn as job steps by the replicas and
            stored in the database: the same bytes and ETag whichever replica serves them
  drain     SIGTERM to one replica during a request loop: no 5xx at the front
  db        PostgreSQL stopped and started during writes: replicas survive, /healthz says 503
            during the outage, a write is answered 201 or 503 (never 500, never a hang), writes
            succeed again after it, every acknowledged write is there afterwards
  db-storm  10 fast stops at random moments under writers to every replica: every write is
            answered (201 or 503) within 10 s, none hangs; acknowledged writes are all there
  heavy-*   issue 28 through the front: 3 heat maps of a 2,000-tower scene from 3 addresses
            while a 4th asks flat tables (p99 < 100 ms); every heat map answered within its
            deadline + 1 s; the replicas idle within 1 s of the last answer; 422 at once over
            the budget (Scripts/cluster/heavy_requests.py)
"""

import concurrent.futures as futures
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

import heavy_requests
from cluster import (SAMPLE, Replica, csv_rows, flats_of, listings_over, post_report, psql, request, save_scene,
                     start_front, stop_all, wait_report)

BIN = sys.argv[1]
DB = os.environ["SUNSPOT_TEST_POSTGRES"]
DEADLINE = time.monotonic() + 270
TMP = tempfile.mkdtemp(prefix="sunspot-cluster-")
FAILURES = []
HEAD_TIMEOUT = 2  # seconds, the front's `timeout http-request` in this test
FRONT_RATE = 400  # requests per address per 10 s at the front
# Replicas: the front is trusted; leases of seconds; a drain delay longer than HAProxy's 2 checks x 1 s.
HEAVY_DEADLINE = 8  # seconds, the replicas' --compute-deadline in this test
REPLICA_ARGS = ["--trusted-proxy", "127.0.0.1", "--drain-delay", "3", "--shutdown-grace", "10",
                "--compute-deadline", str(HEAVY_DEADLINE),
                "--report-lease", "3", "--report-heartbeat", "1", "--report-workers", "2",
                "--rate-limit", "100000", "--rate-burst", "100000"]
RECOUNT = 2.5  # seconds until HAProxy counts a restarted replica up again (rise 2 x inter 1 s)


def check(ok, name, detail):
    print(("ok   " if ok else "FAIL ") + name + ": " + detail, flush=True)
    if not ok:
        FAILURES.append(name)


def check_if_match(front, replicas):
    created = save_scene(front, SAMPLE, "127.0.1.200")
    scene, token = created["id"], created["editToken"]
    bad_rounds = []
    for round_ in range(20):
        revision = json.loads(request(front, "GET", f"/v1/scenes/{scene}/history", source="127.0.1.201")[1])["revision"]
        body = dict(SAMPLE, name=f"round {round_}")

        def put(i):
            return request(replicas[i % 3].port, "PUT", f"/v1/scenes/{scene}", body,
                           headers={"Authorization": f"Bearer {token}", "If-Match": str(revision)},
                           source=f"127.0.1.{i + 1}")[0]

        with futures.ThreadPoolExecutor(30) as pool:
            statuses = list(pool.map(put, range(30)))
        after = json.loads(request(front, "GET", f"/v1/scenes/{scene}/history", source="127.0.1.201")[1])["revision"]
        if sorted(statuses) != [200] + [412] * 29 or after != revision + 1:
            bad_rounds.append((round_, sorted(statuses), revision, after))
    check(not bad_rounds, "if-match", "20 rounds of 30 PUTs over 3 replicas: one 200, 29 412, revision + 1 each"
          if not bad_rounds else f"bad rounds: {bad_rounds[:3]}")


def check_rate(front):
    scene = save_scene(front, SAMPLE, "127.0.6.3")["id"]
    abusive, polite = [], []
    stop = threading.Event()

    def flood():
        while not stop.is_set():
            abusive.append(request(front, "GET", f"/v1/scenes/{scene}", source="127.0.6.1", timeout=5)[0])

    threads = [threading.Thread(target=flood) for _ in range(4)]
    for t in threads:
        t.start()
    for _ in range(40):
        polite.append(request(front, "GET", f"/v1/scenes/{scene}", source="127.0.6.2", timeout=5)[0])
        time.sleep(0.1)
    stop.set()
    for t in threads:
        t.join()
    limited = abusive.count(429)
    check(limited > 0 and set(polite) == {200}, "rate",
          f"flooding address: {len(abusive)} requests, {limited} got 429; polite address at the same time: "
          f"{len(polite)} requests, statuses {sorted(set(polite))}")


def check_slow_heads(front):
    scene = save_scene(front, SAMPLE, "127.0.3.200")["id"]
    slow = []
    for i in range(300):
        s = socket.socket()
        s.bind((f"127.0.3.{i % 30 + 1}", 0))
        s.connect(("127.0.0.1", front))
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        slow.append(s)
    started = time.monotonic()

    def trickle(s):
        """One header byte a second; true once the front answers (408) or closes."""
        s.settimeout(1)
        try:
            while time.monotonic() - started < HEAD_TIMEOUT + 6:
                s.sendall(b"X")
                try:
                    s.recv(4096)
                    return True
                except socket.timeout:
                    continue
        except OSError:
            return True
        return False

    latencies = []

    def normal():
        for _ in range(100):
            t0 = time.monotonic()
            status = request(front, "GET", f"/v1/scenes/{scene}", source="127.0.3.100", timeout=5)[0]
            latencies.append((time.monotonic() - t0, status))
            time.sleep(0.02)

    with futures.ThreadPoolExecutor(310) as pool:
        normal_done = pool.submit(normal)
        cut = list(pool.map(trickle, slow))
        normal_done.result()
    for s in slow:
        s.close()
    times = sorted(t for t, _ in latencies)
    p99 = times[int(len(times) * 0.99) - 1] * 1000
    all_ok = all(status == 200 for _, status in latencies)
    check(all(cut) and p99 < 100 and all_ok, "slow",
          f"300 slow heads from 30 addresses: {sum(cut)} cut; normal client p99 {p99:.1f} ms over {len(times)} "
          f"requests, all 200: {all_ok}")


def check_kill(front, replicas, reference):
    """2,000 listings over copies of the sample compound, on the cluster and on the reference."""
    flats = flats_of(SAMPLE)
    copies = -(-2000 // len(flats))
    cluster_ids = [save_scene(front, SAMPLE, "127.0.2.1")["id"] for _ in range(copies)]
    reference_ids = [save_scene(reference.port, SAMPLE)["id"] for _ in range(copies)]
    job = post_report(front, listings_over(cluster_ids, flats, 2000), "127.0.2.1")
    ref_job = post_report(reference.port, listings_over(reference_ids, flats, 2000), "127.0.0.1")
    # Kill the replica that holds a running chunk, as soon as one runs.
    victim = None
    until = time.monotonic() + 60
    while victim is None and time.monotonic() < until:
        owner = psql(DB, f"SELECT owner FROM report_chunk WHERE job_id = '{job}' AND state = 'running' LIMIT 1")
        pid = int(owner.rsplit(":", 1)[1]) if owner else None
        victim = next((r for r in replicas if r.proc.pid == pid), None)
        time.sleep(0.05)
    if victim is None:
        check(False, "kill", "no running chunk was seen")
        return
    victim_pid = victim.proc.pid
    victim.proc.send_signal(signal.SIGKILL)
    victim.proc.wait()
    state = wait_report(front, job, "127.0.2.1", time.monotonic() + 150)
    victim.start()  # back to three for the next checks
    ref_state = wait_report(reference.port, ref_job, "127.0.0.1", time.monotonic() + 150)
    if state["status"] != "done" or ref_state["status"] != "done":
        check(False, "kill", f"cluster report {state}, reference {ref_state}")
        return
    rows, ref_rows = csv_rows(front, job, "127.0.2.1"), csv_rows(reference.port, ref_job, "127.0.0.1")
    # The same listings on scenes saved under other ids: compare with the reference's ids.
    scene_map = dict(zip(cluster_ids, reference_ids))
    for row in rows:
        row["scene"] = scene_map.get(row.get("scene"), row.get("scene"))
    unique = len({r["listing"] for r in rows})
    claims = int(psql(DB, f"SELECT MAX(attempt) FROM report_chunk WHERE job_id = '{job}'") or 0)
    stored = int(psql(DB, f"SELECT COUNT(*) FROM report_row WHERE job_id = '{job}'") or 0)
    check(len(rows) == 2000 and unique == 2000 and stored == 2000 and rows == ref_rows and claims > 1, "kill",
          f"killed {victim.name} (pid {victim_pid}) holding a running chunk; {len(rows)} rows, {unique} listings, "
          f"{stored} stored, equal to the single-process report: {rows == ref_rows}, most claims of a chunk: {claims}")


def check_pdf(front):
    scene = save_scene(front, SAMPLE, "127.0.7.1")["id"]
    status, data = request(front, "POST", "/v1/reports", {
        "listings": listings_over([scene], flats_of(SAMPLE), 12), "pdf": ["zh", "en"]}, source="127.0.7.1")
    assert status == 202, (status, data[:300])
    job, state, until = json.loads(data)["id"], {}, time.monotonic() + 60
    while time.monotonic() < until:
        state = json.loads(request(front, "GET", f"/v1/reports/{job}", source="127.0.7.1")[1] or b"{}")
        if all(state.get("pdf", {}).get(lang, {}).get("state") in ("ready", "failed") for lang in ("zh", "en")):
            break
        time.sleep(0.2)
    served = [request(front, "GET", f"/v1/reports/{job}/report.pdf?lang=en", source=f"127.0.7.{i + 2}")
              for i in range(6)]
    path = os.path.join(TMP, "report-en.pdf")
    with open(path, "wb") as out:
        out.write(served[0][1])
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    pages = next((int(line.split()[1]) for line in info.splitlines() if line.startswith("Pages:")), 0)
    same = all(s == 200 and body == served[0][1] for s, body in served)
    check(same and pages == 13 and state.get("pdf", {}).get("zh", {}).get("state") == "ready", "pdf",
          f"PDFs of a 12-listing report drawn as job steps: {state.get('pdf')}; 6 GETs through the front "
          f"{'all the same' if same else 'differ: ' + str([s for s, _ in served])} {len(served[0][1])} bytes, "
          f"{pages} pages")


def check_drain(front, replicas):
    scene = save_scene(front, SAMPLE, "127.0.4.200")["id"]
    statuses = []
    stop = threading.Event()

    def loop(source):
        while not stop.is_set():
            statuses.append(request(front, "GET", f"/v1/scenes/{scene}", source=source, timeout=10)[0])

    threads = [threading.Thread(target=loop, args=(f"127.0.4.{i + 1}",)) for i in range(4)]
    for t in threads:
        t.start()
    time.sleep(1.5)
    victim = replicas[1]
    victim.proc.send_signal(signal.SIGTERM)
    code = victim.proc.wait(timeout=30)
    time.sleep(1.5)
    stop.set()
    for t in threads:
        t.join()
    bad = [s for s in statuses if s >= 500 or s == 0]
    check(not bad and code == 0, "drain",
          f"SIGTERM to {victim.name} during {len(statuses)} requests at the front: {len(bad)} 5xx or failed, "
          f"exit status {code}")
    victim.start()


def pg_ctl(*args):
    """pg_ctl on Scripts/with-postgres.sh's server, as its owner, waiting for the result."""
    run_as = os.environ.get("PG_RUN_AS", "").split()
    subprocess.run([*run_as, os.path.join(os.environ["PG_BIN"], "pg_ctl"), "-D", os.environ["PG_DATA"], "-w", *args],
                   check=True, capture_output=True)


def stop_database():
    pg_ctl("-m", "fast", "stop")


def start_database():
    """Starts the server again with the settings with-postgres.sh gave it."""
    pg_ctl("-l", os.path.join(os.environ["PG_TMP"], "server.log"), "start", "-o",
           f"-c listen_addresses=127.0.0.1 -p {os.environ['PG_PORT']} "
           f"-c unix_socket_directories={os.environ['PG_TMP']} -c max_connections=200")


def check_database_restart(front, replicas):
    acked, writes, stop = [], [], threading.Event()
    health = {r.name: [] for r in replicas}
    t0 = time.monotonic()

    def writer():
        while not stop.is_set():
            sent = time.monotonic() - t0
            status, data = request(front, "POST", "/v1/scenes", SAMPLE, source="127.0.5.1", timeout=10)
            writes.append((round(sent, 1), status, round(time.monotonic() - t0 - sent, 1)))
            if status == 201:
                acked.append(json.loads(data)["id"])
            time.sleep(0.02)

    def watch(r):
        while not stop.is_set():
            health[r.name].append(request(r.port, "GET", "/healthz", timeout=3)[0])
            time.sleep(0.1)

    threads = [threading.Thread(target=writer)] + [threading.Thread(target=watch, args=(r,)) for r in replicas]
    for t in threads:
        t.start()
    time.sleep(1.5)
    # `pg_ctl restart -m fast`, with the stop and the start two seconds apart so the outage is observable.
    stop_database()
    stopped = time.monotonic() - t0
    before = len(acked)
    time.sleep(2)
    start_database()
    started = time.monotonic() - t0
    # Writes go on until the replicas have reconnected and the front counts them up again (or 30 s pass):
    # a loaded machine takes longer to get there than an idle one, and the check is about what happens, not when.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (
            len(acked) >= before + 20 and all(h and h[-1] == 200 for h in health.values())):
        time.sleep(0.2)
    stop.set()
    for t in threads:
        t.join()
    alive = all(r.proc.poll() is None for r in replicas)
    saw_503 = all(503 in h for h in health.values())
    recovered = all(h and h[-1] == 200 for h in health.values())
    missing = [i for i in acked if request(front, "GET", f"/v1/scenes/{i}", source="127.0.5.2")[0] != 200]
    # A write the outage refused is a 503 (from a replica: the database is unavailable; from the front: no
    # replica is up) — never a 500, which would say "bug", and never a hang or a dropped connection.
    other = sorted({s for _, s, _ in writes if s not in (201, 503)})
    ok = alive and saw_503 and recovered and not missing and len(acked) > before and not other
    check(ok, "db",
          f"PostgreSQL stopped at {stopped:.1f} s and started at {started:.1f} s during writes: replicas alive "
          f"{alive}, /healthz 503 on all {saw_503}, 200 again {recovered}; {len(acked)} acknowledged writes "
          f"({len(acked) - before} after the stop), {len(missing)} missing afterwards; statuses other than 201/503: "
          f"{other or 'none'}; slowest write {max(d for _, _, d in writes)} s")
    if not ok:
        print("     writes (sent at s, status, took s): " + " ".join(f"{t}:{s}:{d}" for t, s, d in writes), flush=True)


def check_database_storm(replicas, stops=10):
    """Fast stops at random moments under writers straight to every replica: a statement sent in the
    instant the database shuts down used to wait forever (postgres-nio dropped it unanswered), about one
    in two stops. Every write must be answered (201, or 503: nothing changed) well within its timeout."""
    writes, acked, stop = [], [], threading.Event()

    def writer(k):
        r = replicas[k % len(replicas)]
        while not stop.is_set():
            began = time.monotonic()
            status, data = request(r.port, "POST", "/v1/scenes", SAMPLE, source=f"127.0.6.{k + 1}", timeout=15)
            writes.append((status, time.monotonic() - began))
            if status == 201:
                acked.append((r, json.loads(data)["id"]))

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(6)]
    for t in threads:
        t.start()
    rng = random.Random(12)
    try:
        for _ in range(stops):
            time.sleep(rng.uniform(0.5, 1.2))
            stop_database()
            time.sleep(rng.uniform(0.2, 0.8))
            start_database()
        time.sleep(3)
    finally:
        stop.set()
        for t in threads:
            t.join()
    alive = all(r.proc.poll() is None for r in replicas)
    slowest = max(d for _, d in writes)
    statuses = sorted({s for s, _ in writes})
    missing = [i for r, i in acked if request(r.port, "GET", f"/v1/scenes/{i}")[0] != 200]
    ok = alive and slowest < 10 and set(statuses) <= {201, 503} and not missing and acked
    check(ok, "db-storm",
          f"{stops} fast stops under 6 writers: {len(writes)} writes, statuses {statuses}, slowest answer "
          f"{slowest:.1f} s (a lost statement is answered 503 after ~2 s), replicas alive {alive}, "
          f"{len(acked)} acknowledged, {len(missing)} missing afterwards")


def main():
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(2))
    signal.signal(signal.SIGALRM, lambda *_: sys.exit("cluster test: out of time"))
    signal.alarm(int(DEADLINE - time.monotonic()))
    t0 = time.monotonic()
    try:
        replicas = [Replica(BIN, TMP, f"replica{i + 1}", DB, REPLICA_ARGS,
                            {"SUNSPOTD_REPORT_ROW_DELAY_SECONDS": "0.01"}).start() for i in range(3)]
        reference = Replica(BIN, TMP, "reference", os.path.join(TMP, "reference.sqlite"),
                            ["--rate-limit", "100000", "--rate-burst", "100000"]).start()
        front = start_front(TMP, replicas, FRONT_RATE, HEAD_TIMEOUT)
        check_if_match(front, replicas)
        heavy_requests.run(front, [r.proc.pid for r in replicas], HEAVY_DEADLINE, check,
                           replica_ports=[r.port for r in replicas])
        check_rate(front)
        check_slow_heads(front)
        check_kill(front, replicas, reference)
        check_pdf(front)
        time.sleep(RECOUNT)
        check_drain(front, replicas)
        time.sleep(RECOUNT)
        check_database_restart(front, replicas)
        check_database_storm(replicas)
    finally:
        stop_all()
    print(f"cluster checks took {time.monotonic() - t0:.0f} s", flush=True)
    if FAILURES:
        sys.exit(f"cluster test failed: {', '.join(FAILURES)} (logs in {TMP})")
    subprocess.run(["rm", "-rf", TMP])


main()
