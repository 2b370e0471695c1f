// The geometry the engine derives from the document (POST /v1/geometry, SunSpotKit
// SceneGeometryReport): each building's prism and each window's frame on its facade. The page
// draws these, so a facade on screen is the engine's facade, not a second JavaScript copy of
// the rules (issue 15 §2). Answers are kept per building, keyed by the building's JSON and the
// site's north angle, so an unchanged building keeps its geometry while others are edited.
import * as api from "./api.js";

const LIMIT = 400;
const cache = new Map();
let latest = 0;
let north = 0;

/** The engine's prism for building `b` of the current document, or null while none has come. */
export function prismOf(b) {
    return cache.get(JSON.stringify(b)) ?? null;
}

/**
 * Asks the engine for the geometry of `body` (the document as it would be saved) and keeps
 * it under `document`'s buildings; resolves to true when it is the newest request's answer
 * (the caller then redraws). A document that breaks a rule is left to saving to report; the
 * last good geometry of its buildings stays.
 */
export async function request(document, body) {
    if (!document.buildings?.length) return false;
    const ticket = ++latest;
    // The keys are taken now: the document may change in place (a drag) while the answer is on
    // its way, and an answer must not be filed under a building it was not computed for.
    const keys = document.buildings.map((b) => [b.id, JSON.stringify(b)]);
    const northAngle = document.site?.northAngle ?? 0;
    let report;
    try {
        report = await api.sceneGeometry(body);
    } catch {
        return false;
    }
    if (cache.size > LIMIT || northAngle !== north) cache.clear();
    north = northAngle;
    keys.forEach(([id, key], i) => {
        if (report.buildings[i]?.id === id) cache.set(key, report.buildings[i]);
    });
    return ticket === latest;
}
