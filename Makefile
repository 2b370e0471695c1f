# SunSpot: one setup path for a fresh machine (Swift + the package mirror + apt/PyPI).
SWIFT ?= swift
VENV_BENCH := .venv-bench
VENV_FIX := .venv-fixtures

.PHONY: deps demo serve test lint web-test api-check cluster-test bench fixtures proj-fixtures osm-fixtures nichiei-fixture spa-tables term-tables install docs clean
PREFIX ?= /usr/local

deps:
	@./Scripts/install-deps.sh

## Builds release and runs the main job on the sample scene in data/.
demo: deps
	$(SWIFT) build -c release --product sunspot
	$(SWIFT) build -c release --product sunspotd
	./Scripts/demo.sh .build/release

## Serves the web page at http://127.0.0.1:8080/ with the sample compound saved as a scene.
serve: deps
	$(SWIFT) build -c release --product sunspotd
	./Scripts/serve.sh .build/release/sunspotd

## Lints (swift format), builds once and runs every test (what CI runs; the store suite also on a throwaway
## PostgreSQL), then the live API checks of sunspotd, heavy requests beside cheap ones (issue 28), the web page in a real browser
## against it, and the cluster test (PostgreSQL + 3 replicas + HAProxy on loopback).
test: deps lint
	$(SWIFT) build --build-tests
	./Scripts/with-postgres.sh $(SWIFT) test --skip-build
	./Scripts/api-conformance.sh .build/debug/sunspotd
	./Scripts/heavy-requests-test.sh .build/debug/sunspotd
	./Scripts/web-test.sh .build/debug/sunspotd
	./Scripts/install-test.sh .build/debug
	./Scripts/cluster-test.sh .build/debug/sunspotd

## swift format's lint with the checked-in .swift-format (4 spaces, 120 columns) over every Swift file.
lint:
	$(SWIFT) format lint --strict --recursive --parallel Package.swift Sources Tests Benchmarks

## sunspotd against its OpenAPI document: scripted responses validated, then schemathesis.
api-check: deps
	$(SWIFT) build --product sunspotd
	./Scripts/api-conformance.sh .build/debug/sunspotd

## The web page in headless chromium against a live sunspotd (screenshots in .build/web-screenshots/).
web-test: deps
	$(SWIFT) build --product sunspotd
	./Scripts/web-test.sh .build/debug/sunspotd

## The cluster test alone (PostgreSQL + 3 replicas + HAProxy on loopback, < 5 minutes).
cluster-test: deps
	$(SWIFT) build --product sunspotd
	./Scripts/cluster-test.sh .build/debug/sunspotd

## Release benchmarks, printed as tables, with the Python peers in the same run.
bench: deps
	$(SWIFT) build -c release --product sunspot-bench
	./Scripts/bench.sh .build/release/sunspot-bench
	$(SWIFT) build -c release --product sunspotd
	./Scripts/bench-daemon.sh .build/release/sunspotd
	./Scripts/with-postgres.sh python3 Scripts/cluster/bench_report_pdf.py .build/release/sunspotd
	./Scripts/bench-cluster.sh .build/release/sunspotd

## Regenerates the DE421/DE440 reference fixtures, and the terms on DE440 in TT and UTC (on demand; not in CI).
fixtures:
	test -d $(VENV_FIX) || python3 -m venv $(VENV_FIX)
	$(VENV_FIX)/bin/pip install -q -r Tests/SolarCoreTests/Fixtures/requirements.txt
	$(VENV_FIX)/bin/python Tests/SolarCoreTests/Fixtures/make_fixtures.py
	$(VENV_FIX)/bin/python Tests/SolarCoreTests/Fixtures/make_term_fixtures.py

## Regenerates the pyproj fixtures of the GeoJSON import (and the sample GeoJSON's derived files).
proj-fixtures:
	test -d $(VENV_FIX) || python3 -m venv $(VENV_FIX)
	$(VENV_FIX)/bin/pip install -q -r Tests/GeoImportTests/Fixtures/requirements.txt
	$(VENV_FIX)/bin/python Tests/GeoImportTests/Fixtures/make_proj_fixture.py

## Regenerates the pyosmium/pyproj reference of the OpenStreetMap import (data/helsinki-centre.osm.pbf).
osm-fixtures:
	test -d $(VENV_FIX) || python3 -m venv $(VENV_FIX)
	$(VENV_FIX)/bin/pip install -q -r Tests/GeoImportTests/Fixtures/requirements-osm.txt
	$(VENV_FIX)/bin/python Tests/GeoImportTests/Fixtures/make_osm_fixture.py

## Regenerates the pvlib reference of `sunspot nichiei` (Tests/SunSpotCLITests/Fixtures/nichiei-slab.json).
nichiei-fixture:
	test -d $(VENV_FIX) || python3 -m venv $(VENV_FIX)
	$(VENV_FIX)/bin/pip install -q -r Tests/SunSpotCLITests/Fixtures/requirements.txt
	$(VENV_FIX)/bin/python Tests/SunSpotCLITests/Fixtures/make_nichiei_fixture.py

## Regenerates Sources/SolarCore/SPATables.swift from pvlib's transcription of the SPA tables.
spa-tables:
	test -d $(VENV_BENCH) || python3 -m venv $(VENV_BENCH)
	$(VENV_BENCH)/bin/pip install -q pvlib
	$(VENV_BENCH)/bin/python Scripts/gen_spa_tables.py

## Regenerates Sources/SolarCore/TermTables.swift (the solar-term solver's VSOP87D and IAU 2000B
## series) from astronomia's VSOP87D files and skyfield's nutation table; prints sizes and truncation cost.
## Also regenerates Sources/SolarCore/DeltaTTable.swift (observed ΔT 1900–2026 from skyfield's built-in data),
## EphemerisTieTable.swift (VSOP87D measured against JPL DE440) and LeapSecondTable.swift (IERS Bulletin C).
term-tables:
	test -d $(VENV_FIX) || python3 -m venv $(VENV_FIX)
	$(VENV_FIX)/bin/pip install -q -r Tests/SolarCoreTests/Fixtures/requirements.txt astronomia==3.0.5
	$(VENV_FIX)/bin/python Scripts/gen_term_tables.py
	$(VENV_FIX)/bin/python Scripts/gen_ephemeris_tie.py
	$(VENV_FIX)/bin/python Scripts/gen_delta_t_table.py
	$(VENV_FIX)/bin/python Scripts/gen_leap_seconds.py

## Remakes the guides' pictures and excerpts in docs/ from the sample data (sunspot draws them).
docs: deps
	$(SWIFT) build --product sunspot
	./Scripts/make-docs.sh .build/debug

## Installs sunspot, sunspotd, the web page, shell completions and man pages under PREFIX (default /usr/local).
install:
	$(SWIFT) build -c release --product sunspot
	$(SWIFT) build -c release --product sunspotd
	SWIFT=$(SWIFT) ./Scripts/install.sh "$(PREFIX)" .build/release

clean:
	rm -rf .build
