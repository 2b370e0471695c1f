// A small sun-position algorithm for drawing only: the day-path arc and the light while the
// time slider moves or the day plays. The numbers people read (and the light once the slider
// settles) come from the daemon's GET /v1/sun, the engine's NREL SPA, so there is one source of
// truth; the browser test checks this approximation against /v1/sun (see Tests/web).
//
// Algorithm: NOAA Solar Calculator (Meeus, "Astronomical Algorithms", ch. 25 low-accuracy
// series), good to about 0.01° in declination and a few seconds in the equation of time over
// 1900–2100. Refraction: SPA's standard atmosphere formula (1010 mbar, 10 °C; SPA eq. 42),
// the same model the engine applies when a profile asks for refraction.

const rad = Math.PI / 180;
const deg = 180 / Math.PI;

/** Julian centuries since J2000.0 for a UTC instant in milliseconds (UT ≈ TT here: ΔT < 0.003°). */
function centuries(ms) {
    return (ms / 86400000 + 2440587.5 - 2451545.0) / 36525;
}

/** Declination and equation of time (minutes) at a UTC instant. */
export function sunAngles(ms) {
    const t = centuries(ms);
    const l0 = ((280.46646 + t * (36000.76983 + t * 0.0003032)) % 360 + 360) % 360;
    const m = 357.52911 + t * (35999.05029 - 0.0001537 * t);
    const e = 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
    const c = Math.sin(m * rad) * (1.914602 - t * (0.004817 + 0.000014 * t))
        + Math.sin(2 * m * rad) * (0.019993 - 0.000101 * t) + Math.sin(3 * m * rad) * 0.000289;
    const omega = 125.04 - 1934.136 * t;
    const lambda = l0 + c - 0.00569 - 0.00478 * Math.sin(omega * rad);
    const eps0 = 23 + (26 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60;
    const eps = eps0 + 0.00256 * Math.cos(omega * rad);
    const declination = Math.asin(Math.sin(eps * rad) * Math.sin(lambda * rad)) * deg;
    const y = Math.tan(eps * rad / 2) ** 2;
    const eot = 4 * deg * (y * Math.sin(2 * l0 * rad) - 2 * e * Math.sin(m * rad)
        + 4 * e * y * Math.sin(m * rad) * Math.cos(2 * l0 * rad)
        - 0.5 * y * y * Math.sin(4 * l0 * rad) - 1.25 * e * e * Math.sin(2 * m * rad));
    return { declination, equationOfTimeMinutes: eot };
}

/** True solar time (真太阳时) in seconds of the day: UTC + longitude/15 h + equation of time. */
export function trueSolarSeconds(ms, longitude) {
    const { equationOfTimeMinutes } = sunAngles(ms);
    const utcSeconds = ((ms / 1000) % 86400 + 86400) % 86400;
    return ((utcSeconds + longitude * 240 + equationOfTimeMinutes * 60) % 86400 + 86400) % 86400;
}

/** SPA eq. 42 refraction correction (degrees) for a geometric elevation, standard atmosphere. */
export function refractionDegrees(elevation) {
    if (elevation < -0.83337) return 0;
    // (P/1010)·(283/(273+T)) is 1 at the standard 1010 mbar and 10 °C.
    return 1.02 / (60 * Math.tan((elevation + 10.3 / (elevation + 5.11)) * rad));
}

/**
 * Sun azimuth (degrees clockwise from north) and elevation (degrees) at a UTC instant.
 * `refraction` adds the standard-atmosphere correction to the elevation.
 */
export function sunPosition(ms, latitude, longitude, refraction = false) {
    const { declination } = sunAngles(ms);
    const tst = trueSolarSeconds(ms, longitude);
    const hourAngle = tst / 240 - 180;
    const phi = latitude * rad;
    const dec = declination * rad;
    const h = hourAngle * rad;
    const sinEl = Math.sin(phi) * Math.sin(dec) + Math.cos(phi) * Math.cos(dec) * Math.cos(h);
    let elevation = Math.asin(Math.max(-1, Math.min(1, sinEl))) * deg;
    // Azimuth from north, clockwise: atan2(sin H, cos H sin φ − tan δ cos φ) + 180°.
    const azimuth = ((Math.atan2(Math.sin(h), Math.cos(h) * Math.sin(phi) - Math.tan(dec) * Math.cos(phi)) * deg
        + 180) % 360 + 360) % 360;
    if (refraction) elevation += refractionDegrees(elevation);
    return { azimuth, elevation, declination, hourAngle, trueSolarSeconds: tst };
}

/**
 * Unit vector toward the sun in the scene document's frame (x = east, y = north, z = up).
 * `northAngle` is the document's angle from grid north (+y) to true north, counter-clockwise
 * (DESIGN.md site.northAngle): the engine turns the document by −northAngle into the true frame,
 * so a true-frame direction turns by +northAngle back into the document frame.
 */
export function sunVector(azimuth, elevation, northAngle = 0) {
    const a = azimuth * rad;
    const e = elevation * rad;
    const east = Math.sin(a) * Math.cos(e);
    const north = Math.cos(a) * Math.cos(e);
    const n = northAngle * rad;
    return {
        x: east * Math.cos(n) - north * Math.sin(n),
        y: east * Math.sin(n) + north * Math.cos(n),
        z: Math.sin(e),
    };
}

/** `HH:MM` or `HH:MM:SS` for seconds of the day. */
export function clock(seconds, withSeconds = false) {
    const s = Math.floor(((seconds % 86400) + 86400) % 86400);
    const hh = String(Math.floor(s / 3600)).padStart(2, "0");
    const mm = String(Math.floor((s % 3600) / 60)).padStart(2, "0");
    const ss = String(s % 60).padStart(2, "0");
    return withSeconds ? `${hh}:${mm}:${ss}` : `${hh}:${mm}`;
}
