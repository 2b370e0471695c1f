"""A report's PDF at scale (issue 12 §3), run by `make bench`: 5,000 listings over copies of
data/sample-compound.json as one report through the API of the embedded process (SQLite),
asking for its Chinese PDF with the job. Printed: the job's time, the PDF's drawing time
(job done → PDF ready, as the job JSON shows it), its pages (pdfinfo) and size, the time to
stream it back, and the process's peak resident memory (VmHWM) after the job and after the
PDF, so the PDF's own share of memory shows. Stdlib only, plus poppler's pdfinfo.

    python3 Scripts/cluster/bench_report_pdf.py .build/release/sunspotd
"""

import json
import os
import subprocess
import sys
import tempfile
import time

from cluster import SAMPLE, Replica, flats_of, listings_over, request, save_scene, stop_all

BIN = os.path.realpath(sys.argv[1])
LISTINGS = int(os.environ.get("BENCH_PDF_LISTINGS", 5_000))
COMPOUNDS = int(os.environ.get("BENCH_PDF_COMPOUNDS", 50))
TMP = tempfile.mkdtemp(prefix="sunspot-pdf-bench-")


def job_state(port, job):
    status, data = request(port, "GET", f"/v1/reports/{job}", timeout=10)
    return json.loads(data) if status == 200 else {}


def main():
    server = Replica(BIN, TMP, "embedded", os.path.join(TMP, "scenes.sqlite"),
                     ["--rate-limit", "100000000", "--rate-burst", "100000000"]).start()
    try:
        scenes = [save_scene(server.port, SAMPLE)["id"] for _ in range(COMPOUNDS)]
        listings = listings_over(scenes, flats_of(SAMPLE), LISTINGS)
        started = time.monotonic()
        status, data = request(server.port, "POST", "/v1/reports", {"listings": listings, "pdf": ["zh"]})
        assert status == 202, (status, data[:300])
        job = json.loads(data)["id"]
        done_at, rss_job = None, 0.0
        until = started + 3600
        while time.monotonic() < until:
            state = job_state(server.port, job)
            if done_at is None and state.get("status") == "done":
                done_at, rss_job = time.monotonic(), server.peak_rss_mib()
            pdf = state.get("pdf", {}).get("zh", {}).get("state")
            if pdf in ("ready", "failed") or state.get("status") in ("failed", "cancelled"):
                break
            time.sleep(0.2)
        ready_at = time.monotonic()
        if pdf != "ready":
            raise SystemExit(f"the PDF did not get drawn: {state}")
        rss_pdf = server.peak_rss_mib()
        path = os.path.join(TMP, "report.pdf")
        fetch_started = time.monotonic()
        status, body = request(server.port, "GET", f"/v1/reports/{job}/report.pdf", timeout=600)
        fetched = time.monotonic() - fetch_started
        assert status == 200, (status, body[:300])
        with open(path, "wb") as out:
            out.write(body)
        info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
        pages = int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))
        rss_get = server.peak_rss_mib()
        drawing = ready_at - done_at
        print(f"\n{LISTINGS} listings over {COMPOUNDS} compounds, PDF (zh) as a job step ({os.path.relpath(BIN)}, "
              f"{os.cpu_count()} cores, embedded SQLite)")
        print(f"| {'step':<36} | {'seconds':>8} | {'peak RSS MiB':>12} |")
        print(f"|{'-' * 38}|{'-' * 10}|{'-' * 14}|")
        print(f"| {'report job (POST → done)':<36} | {done_at - started:>8.1f} | {rss_job:>12.0f} |")
        print(f"| {f'PDF drawn and stored ({pages} pages)':<36} | {drawing:>8.1f} | {rss_pdf:>12.0f} |")
        print(f"| {f'PDF served ({len(body) / 2**20:.1f} MiB)':<36} | {fetched:>8.1f} | {rss_get:>12.0f} |")
        print(f"PDF: {pages} pages (pdfinfo), {pages / drawing:.1f} pages/s, {len(body)} bytes; "
              f"peak RSS is the process's VmHWM after each step")
    finally:
        stop_all()


if __name__ == "__main__":
    main()
