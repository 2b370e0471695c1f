// The daemon's JSON API (DESIGN.md "HTTP API contract"). Every failure becomes an ApiError
// carrying the HTTP status and the server's {"error":{"code","message","path"}} when it sent one,
// so the page can say exactly what is wrong and where.

export class ApiError extends Error {
    constructor(status, code, message, path, body) {
        super(path ? `${path}: ${message}` : message);
        this.status = status;
        this.code = code;
        this.path = path;
        this.body = body;
    }
}

async function request(method, url, { body, token, revision } = {}) {
    const headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (token) headers.Authorization = `Bearer ${token}`;
    if (revision !== undefined && revision !== null) headers["If-Match"] = String(revision);
    let response;
    try {
        response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
        throw new ApiError(0, "network", e.message || "network error");
    }
    const text = await response.text();
    let json = null;
    if (text) {
        try {
            json = JSON.parse(text);
        } catch {
            json = null;
        }
    }
    if (!response.ok) {
        const err = json?.error ?? {};
        throw new ApiError(response.status, err.code ?? String(response.status),
            err.message ?? (text.slice(0, 200) || response.statusText), err.path, json);
    }
    return { json, headers: response.headers };
}

/** A revision the server hands back, from the body or the ETag header (quotes stripped). */
function revisionOf(json, headers) {
    if (json && json.revision !== undefined) return json.revision;
    const etag = headers.get("ETag");
    return etag ? etag.replace(/^W\//, "").replace(/"/g, "") : null;
}

/** POST /v1/scenes → {id, editToken, revision}. */
export async function createScene(document) {
    const { json, headers } = await request("POST", "/v1/scenes", { body: document });
    return { id: json.id, editToken: json.editToken, revision: revisionOf(json, headers) };
}

/**
 * GET /v1/scenes/{id} → {document, revision}. Accepts either an envelope
 * `{id, revision, document|scene}` or the bare document with the revision in ETag.
 */
export async function loadScene(id) {
    const { json, headers } = await request("GET", `/v1/scenes/${encodeURIComponent(id)}`);
    const document = json.document ?? json.scene ?? json;
    return { document, revision: revisionOf(json, headers) };
}

/** PUT /v1/scenes/{id} with the edit token and If-Match; 412 means someone saved first. */
export async function updateScene(id, document, token, revision) {
    const { json, headers } = await request("PUT", `/v1/scenes/${encodeURIComponent(id)}`,
        { body: document, token, revision });
    return { revision: revisionOf(json, headers) };
}

/** GET the flat's 24-term table (same JSON as `sunspot table --format json`). */
export async function flatSunlight(id, building, floor, unit, year, standard) {
    const path = [id, "flats", building, floor, unit].map((s) => encodeURIComponent(String(s)));
    const url = `/v1/scenes/${path[0]}/flats/${path[2]}/${path[3]}/${path[4]}/sunlight`
        + `?year=${encodeURIComponent(year)}&standard=${encodeURIComponent(standard)}`;
    return (await request("GET", url)).json;
}

/** GET /v1/sun for a site and a UTC instant (ISO 8601). */
export async function sun(latitude, longitude, at, timeZone) {
    const q = new URLSearchParams({ lat: String(latitude), lon: String(longitude), at });
    if (timeZone) q.set("tz", timeZone);
    return (await request("GET", `/v1/sun?${q}`)).json;
}

/** GET /v1/terms for a year, dated in `tz`. */
export async function terms(year, tz) {
    const q = new URLSearchParams({ year: String(year), tz });
    return (await request("GET", `/v1/terms?${q}`)).json;
}

/** POST /v1/geometry → the prisms and window frames the engine derives from a (draft) document. */
export async function sceneGeometry(document) {
    const { json } = await request("POST", "/v1/geometry", { body: document });
    return json;
}
