"""Processes and HTTP for the cluster test and the cluster benchmark (issue 12): sunspotd
replicas, HAProxy with deploy/haproxy.cfg, requests from chosen loopback source addresses.
Every process started here is recorded in PROCS; stop_all() ends them. Stdlib only."""

import csv
import http.client
import io
import json
import os
import socket
import subprocess
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROCS = []
SAMPLE = json.load(open(os.path.join(ROOT, "data", "sample-compound.json")))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port, method, path, body=None, headers=None, source="127.0.0.1", timeout=30):
    """One request on a new connection from `source`; (status, body bytes), or (0, error)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source, 0))
    try:
        data = json.dumps(body).encode() if isinstance(body, (dict, list)) else body
        hdrs = dict(headers or {})
        if data is not None and "Content-Type" not in hdrs:
            hdrs["Content-Type"] = "application/json"
        conn.request(method, path, body=data, headers=hdrs)
        response = conn.getresponse()
        return response.status, response.read()
    except (OSError, http.client.HTTPException) as error:
        return 0, str(error).encode()
    finally:
        conn.close()


def psql(db, sql):
    out = subprocess.run(["psql", db, "-tAc", sql], capture_output=True, text=True, timeout=20)
    return out.stdout.strip()


class Replica:
    """One sunspotd process; `args` are its options beyond port, database and web root."""

    def __init__(self, binary, tmp, name, db, args=(), env=None):
        self.binary, self.tmp, self.name, self.db, self.args = binary, tmp, name, db, list(args)
        self.port = free_port()
        self.env = dict(os.environ, **(env or {}))
        self.proc = None

    def start(self):
        log = open(os.path.join(self.tmp, self.name + ".log"), "ab")
        os.makedirs(os.path.join(self.tmp, "web"), exist_ok=True)
        self.proc = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--db", self.db, "--web-root", os.path.join(self.tmp, "web"),
             "--log-level", "warning", *self.args], stdout=log, stderr=log, env=self.env)
        PROCS.append(self.proc)
        until = time.monotonic() + 60
        while time.monotonic() < until:
            if request(self.port, "GET", "/healthz", timeout=2)[0] == 200:
                return self
            if self.proc.poll() is not None:
                raise SystemExit(f"{self.name} exited at start; see {self.tmp}/{self.name}.log")
            time.sleep(0.1)
        raise SystemExit(f"{self.name} did not become healthy")

    def peak_rss_mib(self):
        """The process's peak resident memory (VmHWM), in MiB."""
        with open(f"/proc/{self.proc.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return 0.0


def start_front(tmp, replicas, rate, head_timeout):
    """HAProxy with deploy/haproxy.cfg in front of up to 3 replicas; returns its port once it answers."""
    port = free_port()
    env = dict(os.environ, SUNSPOT_FRONT=f"127.0.0.1:{port}", SUNSPOT_FRONT_RATE=str(rate),
               SUNSPOT_HEAD_TIMEOUT=f"{head_timeout}s")
    for i in range(3):
        # A missing replica points at a closed port: HAProxy marks it down and never uses it.
        env[f"SUNSPOT_REPLICA_{i + 1}"] = f"127.0.0.1:{replicas[i].port if i < len(replicas) else free_port()}"
    log = open(os.path.join(tmp, "haproxy.log"), "ab")
    proc = subprocess.Popen(["haproxy", "-db", "-f", os.path.join(ROOT, "deploy", "haproxy.cfg")],
                            stdout=log, stderr=log, env=env)
    PROCS.append(proc)
    until = time.monotonic() + 20
    while time.monotonic() < until:
        if request(port, "GET", "/healthz", timeout=2)[0] == 200:
            time.sleep(2.5)  # the health checks (rise 2, inter 1 s) count every replica up
            return port
        time.sleep(0.1)
    raise SystemExit("haproxy did not start; see " + tmp + "/haproxy.log")


def stop_all():
    for proc in PROCS:
        if proc.poll() is None:
            proc.kill()
    for proc in PROCS:
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass


def save_scene(port, body, source="127.0.0.1"):
    status, data = request(port, "POST", "/v1/scenes", body, source=source)
    assert status == 201, (status, data[:300])
    return json.loads(data)


def flats_of(scene):
    """Every flat of a scene document as (building, floor, unit)."""
    return [(b["id"], f, u["id"]) for b in scene["buildings"] if "floors" in b
            for f in range(1, b["floors"] + 1) for u in b.get("units", [])]


def listings_over(scene_ids, flats, count):
    """`count` listings spread evenly over the scenes in order (a compound's listings together),
    each scene's cycling through its flats (a flat listed twice has two listing ids, as on two sites)."""
    out, per_scene = [], -(-count // len(scene_ids))
    for i in range(count):
        c, k = divmod(i, per_scene)
        b, f, u = flats[k % len(flats)]
        out.append({"listing": f"L{c}-{k}", "scene": scene_ids[c], "building": b, "floor": f, "unit": u})
    return out


def post_report(port, listings, source):
    status, data = request(port, "POST", "/v1/reports", {"listings": listings}, source=source)
    assert status == 202, (status, data[:500])
    return json.loads(data)["id"]


def wait_report(port, job, source, until):
    while time.monotonic() < until:
        status, data = request(port, "GET", f"/v1/reports/{job}", source=source, timeout=5)
        if status == 200:
            state = json.loads(data)
            if state["status"] in ("done", "failed", "cancelled"):
                return state
        time.sleep(0.1)
    return {"status": "timeout"}


def csv_rows(port, job, source):
    status, data = request(port, "GET", f"/v1/reports/{job}/report.csv", source=source)
    assert status == 200, (status, data[:300])
    return list(csv.DictReader(io.StringIO(data.decode())))
