"""Issue 28's reproduction as a check: heavy requests cannot hold the service.

While 3 heat maps of a 2,000-tower scene run, from 3 addresses, a fourth address asks flat
tables of the sample compound (each a different flat: no response cache) and reads scenes.
Checked:
  - the fourth address's flat tables keep p99 < 100 ms (and scene reads answer);
  - every heat map is answered (200, or 503 with Retry-After) within deadline + 1 s of sending;
  - the daemon's CPU is back to idle (its own idle CPU + 0.05 s a second) within 1 s of the last
    answer (abandoned work stopped);
  - a heat map over the compute budget is refused with 422 naming `spacing` in < 50 ms;
  - a heat map whose client goes away stops: CPU idle again within 1 s of the disconnect.

`run(port, pids, deadline, check, sources)` is shared by the single daemon (main below,
`make test` through Scripts/heavy-requests-test.sh) and the cluster test (through HAProxy).
Stdlib only.
"""

import json
import os
import socket
import statistics
import sys
import tempfile
import threading
import time

from cluster import SAMPLE, Replica, flats_of, request, save_scene, stop_all
from heavy_scene import heavy_scene

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids):
    """User + system CPU seconds of the processes so far."""
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / TICKS


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def run(port, pids, deadline, check, sources=("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"), refuse_ms=1000,
        replica_ports=()):
    """The checks against the daemon (or front) at `port`; `pids` are the daemon processes.
    `refuse_ms` bounds the 422's answer: the issue's 50 ms for a release build; a debug build's
    engine is ~30x slower, so `make test` holds it to "at once" (1 s) and `make bench` to 50 ms.
    Behind a front, `replica_ports` are the replicas: each analyses the victim's scene once
    (an analysis is per replica), as a live site's replicas all have."""
    heavy_id = save_scene(port, heavy_scene(), source=sources[0])["id"]
    sample_id = save_scene(port, SAMPLE, source=sources[3])["id"]
    flats = flats_of(SAMPLE)
    # The victim's scene is analysed once, as on a live site.
    statuses = [request(p, "GET", f"/v1/scenes/{sample_id}/flats/3/5/east/sunlight", source=sources[3])[0]
                for p in (replica_ports or (port,))]
    check(all(s == 200 for s in statuses), "heavy-warm", f"the sample compound's first table: {statuses}")

    # Over budget: refused at once, naming the parameter and the finest spacing that fits.
    t = time.monotonic()
    status, body = request(port, "GET", f"/v1/scenes/{heavy_id}/heatmap.png?date=2026-12-22&spacing=1",
                           source=sources[0])
    refused = (time.monotonic() - t) * 1000
    error = json.loads(body).get("error", {}) if status == 422 else {}
    check(status == 422 and error.get("path") == "spacing" and "finest spacing" in error.get("message", "")
          and refused < refuse_ms, "heavy-422",
          f"heat map at 1 m: {status} in {refused:.1f} ms, bound {refuse_ms} ms ({error.get('message', body[:120])})")

    # The daemons' own idle CPU (health checks, report claim loops), which "back to idle" means.
    idle_a = cpu_seconds(pids)
    time.sleep(1)
    idle = cpu_seconds(pids) - idle_a

    heavy = []
    def heat(k):
        t0 = time.monotonic()
        status, body = request(port, "GET", f"/v1/scenes/{heavy_id}/heatmap.png?date=2026-12-{20 + k}",
                               source=sources[k], timeout=deadline + 30)
        heavy.append((status, time.monotonic() - t0, body[:160]))

    threads = [threading.Thread(target=heat, args=(k,)) for k in range(3)]
    for th in threads:
        th.start()
    time.sleep(2)
    tables, reads, failures, k = [], [], [], 0
    while any(th.is_alive() for th in threads):
        b, f, u = flats[k % len(flats)]
        k += 1
        t0 = time.monotonic()
        status, body = request(port, "GET", f"/v1/scenes/{sample_id}/flats/{b}/{f}/{u}/sunlight?year=2026",
                               source=sources[3])
        tables.append((time.monotonic() - t0) * 1000)
        if status != 200:
            failures.append((status, body[:120]))
        if k % 5 == 0:
            t0 = time.monotonic()
            status, _ = request(port, "GET", f"/v1/scenes/{sample_id}", source=sources[3])
            reads.append((time.monotonic() - t0) * 1000)
            if status != 200:
                failures.append((status, b"scene read"))
        time.sleep(0.05)
    last_answer = time.monotonic()
    for th in threads:
        th.join()
    time.sleep(1)
    cpu_a = cpu_seconds(pids)
    time.sleep(1)
    cpu_b = cpu_seconds(pids)

    p50, p99 = percentile(tables, 50), percentile(tables, 99)
    check(len(tables) >= 20 and not failures and p99 < 100, "heavy-victim",
          f"{len(tables)} flat tables from a 4th address meanwhile: p50 {p50:.1f} ms, p99 {p99:.1f} ms, "
          f"max {max(tables):.1f} ms; {len(reads)} scene reads, max {max(reads, default=0):.1f} ms; "
          f"failures {failures[:3]}")
    late = [h for h in heavy if h[1] > deadline + 1 or h[0] not in (200, 503)]
    check(len(heavy) == 3 and not late, "heavy-answers",
          "heat maps: " + ", ".join(f"{s} after {t:.1f} s" for s, t, _ in sorted(heavy, key=lambda h: h[1]))
          + f" (deadline {deadline:.0f} s + 1 s)")
    check(cpu_b - cpu_a < idle + 0.05, "heavy-idle",
          f"CPU in the second second after the last answer: {cpu_b - cpu_a:.2f} s (idle before: {idle:.2f} s)")

    # Abandoned: the client closes its connection a second into a heat map (a date not yet drawn).
    conn = socket.create_connection(("127.0.0.1", port), timeout=5)
    conn.sendall(f"GET /v1/scenes/{heavy_id}/heatmap.png?date=2026-12-19 HTTP/1.1\r\nHost: sunspot\r\n\r\n".encode())
    time.sleep(0.5)
    cpu_working = cpu_seconds(pids)
    time.sleep(0.5)
    busy = cpu_seconds(pids) - cpu_working
    conn.setblocking(False)
    try:
        early = conn.recv(200)
    except BlockingIOError:
        early = b""
    conn.close()
    time.sleep(1)
    cpu_a = cpu_seconds(pids)
    time.sleep(1)
    cpu_b = cpu_seconds(pids)
    check(busy > 0.05 and cpu_b - cpu_a < idle + 0.05, "heavy-abandoned",
          f"a heat map's client left after 1 s: CPU {busy:.2f} s in its last 0.5 s before, "
          f"{cpu_b - cpu_a:.2f} s in the second second after{'; answered before: ' + repr(early[:120]) if early else ''}")
    return last_answer


def main():
    binary = sys.argv[1]
    deadline = float(os.environ.get("SUNSPOT_HEAVY_DEADLINE", "10"))
    tmp = tempfile.mkdtemp(prefix="sunspot-heavy-")
    failures = []

    def check(ok, name, detail):
        print(("ok   " if ok else "FAIL ") + name + ": " + detail, flush=True)
        if not ok:
            failures.append(name)

    try:
        daemon = Replica(binary, tmp, "sunspotd", os.path.join(tmp, "scenes.sqlite"),
                         ["--compute-deadline", str(deadline), "--rate-limit", "1000", "--rate-burst", "1000"]).start()
        run(daemon.port, [daemon.proc.pid], deadline, check, refuse_ms=50 if "/release/" in binary else 1000)
    finally:
        stop_all()
    if failures:
        sys.exit(f"heavy requests test failed: {', '.join(failures)} (logs in {tmp})")


if __name__ == "__main__":
    main()
