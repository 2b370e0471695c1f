// Civil time in the site's IANA zone, read through the browser's own zone database (Intl),
// so the page never assumes the viewer's zone is the site's.

const formatters = new Map();

function formatter(zone) {
    let f = formatters.get(zone);
    if (!f) {
        f = new Intl.DateTimeFormat("en-US", {
            timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
            hour: "2-digit", minute: "2-digit", second: "2-digit",
        });
        formatters.set(zone, f);
    }
    return f;
}

/** Whether the browser knows the zone. */
export function isKnownZone(zone) {
    try {
        formatter(zone);
        return true;
    } catch {
        return false;
    }
}

/** The civil reading of a UTC instant in `zone`: {date: "YYYY-MM-DD", seconds: seconds of the day}. */
export function civilParts(ms, zone) {
    const parts = {};
    for (const p of formatter(zone).formatToParts(new Date(ms))) parts[p.type] = p.value;
    return {
        date: `${parts.year}-${parts.month}-${parts.day}`,
        seconds: Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second),
    };
}

/** UTC offset of `zone` at an instant, milliseconds. */
export function offsetMs(ms, zone) {
    const c = civilParts(ms, zone);
    const [y, m, d] = c.date.split("-").map(Number);
    return Date.UTC(y, m - 1, d) + c.seconds * 1000 - Math.floor(ms / 1000) * 1000;
}

/**
 * The UTC instant of a civil date and time of day in `zone`. Two passes settle the offset
 * across a DST change; a time inside a spring-forward gap reads on the earlier offset.
 */
export function civilToUTC(date, secondsOfDay, zone) {
    const [y, m, d] = date.split("-").map(Number);
    const naive = Date.UTC(y, m - 1, d) + secondsOfDay * 1000;
    let t = naive - offsetMs(naive, zone);
    t = naive - offsetMs(t, zone);
    return t;
}

/** `YYYY-MM-DDTHH:MM:SSZ` for a UTC instant (what /v1/sun's `at` takes). */
export function isoUTC(ms) {
    return new Date(Math.round(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** Seconds since civil midnight of an ISO civil time from the API (`2026-12-22T07:39:12+08:00`). */
export function secondsOfISO(iso) {
    const [h, m, s] = iso.slice(11, 19).split(":").map(Number);
    return h * 3600 + m * 60 + (s || 0);
}
