"""A report's PDF at scale (issue 12 §3), run by `make bench`: 5,000 listings over copies of
data/sample-compound.json as one report through the API, asking for its Chinese PDF with the
job: on the embedded process (SQLite), then on one replica of the PostgreSQL backend (when
SUNSPOT_TEST_POSTGRES names a database: Scripts/with-postgres.sh), where the PDF is a leased
job step stored in 1 MiB parts. Printed: the job's time, the PDF's drawing time
(job done → PDF ready, as the job JSON shows it), its pages (pdfinfo) and size, the time to
stream it back, and the process's peak resident memory (VmHWM) after the job and after the
PDF, so the PDF's own share of memory shows. Stdlib only, plus poppler's pdfinfo.

    ./Scripts/with-postgres.sh python3 Scripts/cluster/bench_report_pdf.py .build/release/sunspotd
"""

import json
import os
import subprocess
import sys
import tempfile
import time

from cluster import SAMPLE, Replica, flats_of, listings_over, psql, request, save_scene, stop_all

BIN = os.path.realpath(sys.argv[1])
LISTINGS = int(os.environ.get("BENCH_PDF_LISTINGS", 5_000))
COMPOUNDS = int(os.environ.get("BENCH_PDF_COMPOUNDS", 50))
TMP = tempfile.mkdtemp(prefix="sunspot-pdf-bench-")


def job_state(port, job):
    status, data = request(port, "GET", f"/v1/reports/{job}", timeout=10)
    return json.loads(data) if status == 200 else {}


def run(label, db):
    """One backend's run: the job, the PDF drawn and stored, the PDF served."""
    server = Replica(BIN, TMP, label.split()[0], db,
                     ["--rate-limit", "100000000", "--rate-burst", "100000000"]).start()
    try:
        scenes = [save_scene(server.port, SAMPLE)["id"] for _ in range(COMPOUNDS)]
        listings = listings_over(scenes, flats_of(SAMPLE), LISTINGS)
        started = time.monotonic()
        status, data = request(server.port, "POST", "/v1/reports", {"listings": listings, "pdf": ["zh"]})
        assert status == 202, (status, data[:300])
        job = json.loads(data)["id"]
        done_at, rss_job, pdf, state = None, 0.0, None, {}
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
            raise SystemExit(f"{label}: the PDF did not get drawn: {state}")
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
        os.unlink(path)
        return dict(label=label, job=done_at - started, rss_job=rss_job, drawing=ready_at - done_at,
                    rss_pdf=rss_pdf, pages=pages, bytes=len(body), fetched=fetched, rss_get=server.peak_rss_mib())
    finally:
        stop_all()


def main():
    runs = [run("SQLite (embedded)", os.path.join(TMP, "scenes.sqlite"))]
    db = os.environ.get("SUNSPOT_TEST_POSTGRES")
    if db:
        psql(db, "DROP TABLE IF EXISTS report_pdf_part, report_pdf_row, report_pdf, report_chunk, report_row, "
                 "report_job, scene_revision, scene, schema_migrations CASCADE")
        runs.append(run("PostgreSQL (1 replica)", db))
    print(f"\n{LISTINGS} listings over {COMPOUNDS} compounds, PDF (zh) as a job step ({os.path.relpath(BIN)}, "
          f"{os.cpu_count()} cores)")
    print(f"| {'backend':<22} | {'step':<36} | {'seconds':>8} | {'peak RSS MiB':>12} |")
    print(f"|{'-' * 24}|{'-' * 38}|{'-' * 10}|{'-' * 14}|")
    for r in runs:
        steps = [("report job (POST → done)", r["job"], r["rss_job"]),
                 (f"PDF drawn and stored ({r['pages']} pages)", r["drawing"], r["rss_pdf"]),
                 (f"PDF served ({r['bytes'] / 2**20:.1f} MiB)", r["fetched"], r["rss_get"])]
        for step, seconds, rss in steps:
            print(f"| {r['label']:<22} | {step:<36} | {seconds:>8.1f} | {rss:>12.0f} |")
    for r in runs:
        print(f"{r['label']}: {r['pages']} pages (pdfinfo), {r['pages'] / r['drawing']:.1f} pages/s, "
              f"{r['bytes']} bytes")
    print("peak RSS is the process's VmHWM after each step")


if __name__ == "__main__":
    main()
