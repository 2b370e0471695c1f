// SunSpot web page: wires the scene model, the 3D view, the editor, the side panels and the
// daemon's API. Routes: `/` a new scene, `/#/s/{id}` a saved scene (share link). The edit
// token of a scene this browser created stays in localStorage; without it the page is a
// viewer and saving makes the viewer's own copy.
import * as api from "./api.js";
import { applyI18n, initialLanguage, language, setLanguage, t } from "./i18n.js";
import { SceneModel, DEFAULT_SITE, outline, cm } from "./model.js";
import { View3D } from "./view3d.js";
import { Editor } from "./editor.js";
import { BuildingPanel, addWindow } from "./buildingPanel.js";
import { SunControls } from "./sunControls.js";
import { renderFlatTable } from "./flatTable.js";
import { isKnownZone } from "./timezone.js";
import { tokens } from "./tokens.js";

const $ = (id) => document.getElementById(id);

const state = {
    selected: null,
    placingUnit: null,
    sceneId: null,
    revision: null,
    report: null,
    flat: null,
    cities: [],
};

setLanguage(initialLanguage());
applyI18n();

const model = new SceneModel();
const view = new View3D($("viewport"));
const refraction = () => $("flat-standard").value !== "none";
const site = () => model.document.site;
const sun = new SunControls(view, site, refraction, (e) => showError(e));
const panel = new BuildingPanel(model, {
    select: (i) => select(i),
    selected: () => state.selected,
    placingUnit: (ui) => {
        state.placingUnit = ui;
        panel.render();
        if (ui !== null) showNotice(t("placeWindowActive"), "warn");
        else hideNotice();
    },
    placing: () => state.placingUnit,
});
const editor = new Editor(view, model, {
    select: (i) => select(i),
    isPlacing: () => state.placingUnit !== null && state.selected !== null,
    placeWindow: (index, edge, offset) => placeWindow(index, edge, offset),
});

/** A facade click while "place window" is on: adds a window to the chosen unit there. */
function placeWindow(index, edge, offset) {
    if (index !== state.selected || state.placingUnit === null) {
        select(index);
        return;
    }
    const ui = state.placingUnit;
    state.placingUnit = null;
    hideNotice();
    model.edit((doc) => addWindow(doc.buildings[index], ui, edge, offset));
}

// ---- notices -------------------------------------------------------------------------------

function showNotice(text, kind = "ok", actions = []) {
    const box = $("notice");
    box.className = `notice ${kind === "ok" ? "" : kind}`;
    box.replaceChildren(document.createTextNode(text));
    for (const [label, fn] of actions) {
        const b = document.createElement("button");
        b.type = "button";
        b.textContent = label;
        b.addEventListener("click", fn);
        box.append(b);
    }
    box.hidden = false;
}

function hideNotice() {
    $("notice").hidden = true;
}

function showError(e) {
    if (e?.status === 0) return showNotice(`${t("errorPrefix")}${t("networkError")}`, "error");
    showNotice(`${t("errorPrefix")}${e?.message ?? e}`, "error");
}

// ---- selection, rendering ------------------------------------------------------------------

function select(index) {
    const n = model.document.buildings.length;
    state.selected = index !== null && index >= 0 && index < n ? index : null;
    editor.selected = state.selected;
    if (state.placingUnit !== null) {
        state.placingUnit = null;
        hideNotice();
    }
    refresh("select");
}

function refresh(reason) {
    const doc = model.document;
    view.renderer.domElement.setAttribute("aria-label", t("viewer3d"));
    if (state.selected !== null && state.selected >= doc.buildings.length) state.selected = null;
    editor.selected = state.selected;
    view.setBuildings(doc, state.selected);
    view.setHandles(state.selected === null ? null : doc.buildings[state.selected], state.selected);
    if (reason === "live") return;
    panel.render();
    renderFlatPicker();
    $("undo").disabled = !model.canUndo;
    $("redo").disabled = !model.canRedo;
    $("delete-building").disabled = state.selected === null;
    if (document.activeElement !== $("scene-name")) $("scene-name").value = doc.name ?? "";
    renderSite();
    document.title = `${doc.name ? `${doc.name} · ` : ""}SunSpot${model.dirty ? " *" : ""}`;
    $("save").textContent = canEdit() || !state.sceneId ? t("save") : t("saveCopy");
}

model.onChange((reason) => {
    refresh(reason);
    if (reason === "load" || reason === "site") sun.loadTerms(reason === "load");
});

// ---- site ----------------------------------------------------------------------------------

function renderSite() {
    const s = site();
    const zh = language() === "zh";
    const select = $("city");
    select.replaceChildren();
    const match = state.cities.findIndex((c) => c.latitude === s.latitude && c.longitude === s.longitude && c.timeZone === s.timeZone);
    const custom = document.createElement("option");
    custom.value = "";
    custom.textContent = t("customSite");
    select.append(custom);
    state.cities.forEach((c, i) => {
        const o = document.createElement("option");
        o.value = String(i);
        o.textContent = zh ? `${c.zh}（${c.en}）` : `${c.en} (${c.zh})`;
        select.append(o);
    });
    select.value = match >= 0 ? String(match) : "";
    for (const [id, v] of [["lat", s.latitude], ["lon", s.longitude], ["tz", s.timeZone]]) {
        if (document.activeElement !== $(id)) $(id).value = String(v);
    }
}

function editSite(fn) {
    model.edit((doc) => fn(doc.site), "site");
}

$("city").addEventListener("change", () => {
    const c = state.cities[Number($("city").value)];
    if (!$("city").value || !c) return;
    editSite((s) => Object.assign(s, { latitude: c.latitude, longitude: c.longitude, timeZone: c.timeZone }));
});
for (const [id, key, lo, hi] of [["lat", "latitude", -90, 90], ["lon", "longitude", -180, 180]]) {
    $(id).addEventListener("change", () => {
        const v = Number($(id).value);
        if ($(id).value === "" || !Number.isFinite(v) || v < lo || v > hi) {
            showNotice(`${t("errorPrefix")}site.${key} ${t(key)}: ${lo}…${hi}`, "error");
            $(id).value = String(site()[key]);
            return;
        }
        editSite((s) => (s[key] = v));
    });
}
$("tz").addEventListener("change", () => {
    const zone = $("tz").value.trim();
    if (!isKnownZone(zone)) {
        showNotice(`${t("errorPrefix")}site.timeZone '${zone}'`, "error");
        $("tz").value = site().timeZone;
        return;
    }
    editSite((s) => (s.timeZone = zone));
});

// ---- toolbar -------------------------------------------------------------------------------

/** A free spot for a new 30 × 12 m slab: east of the origin, clear of other footprints by 6 m. */
function freeSpot(width, depth) {
    const boxes = model.document.buildings.map((b) => {
        const pts = outline(b);
        return [Math.min(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[0])),
            Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[1]))];
    });
    const clear = (x, y) => boxes.every(([x0, x1, y0, y1]) => x + width / 2 + 6 < x0 || x - width / 2 - 6 > x1
        || y + depth / 2 + 6 < y0 || y - depth / 2 - 6 > y1);
    for (let ring = 0; ring < 40; ring++) {
        for (const [x, y] of [[ring * 10, 0], [0, ring * 10], [-ring * 10, 0], [0, -ring * 10], [ring * 10, ring * 10]]) {
            if (clear(x, y)) return [x, y];
        }
    }
    return [0, 0];
}

$("add-building").addEventListener("click", () => {
    const width = 30;
    const depth = 12;
    const [x, y] = freeSpot(width, depth);
    const id = model.freeBuildingId();
    model.edit((doc) => {
        doc.buildings.push({
            id, name: t("newBuildingName", { n: id }), box: { x, y, width, depth, rotation: 0 },
            floors: 6, floorHeight: 2.9,
            units: [
                { id: "east", name: t("eastUnit"), windows: [{ face: "south", offset: cm(width / 4), width: 1.8 }] },
                { id: "west", name: t("westUnit"), windows: [{ face: "south", offset: cm(-width / 4), width: 1.8 }] },
            ],
        });
    });
    select(model.document.buildings.length - 1);
});
$("undo").addEventListener("click", () => model.undo());
$("redo").addEventListener("click", () => model.redo());
$("delete-building").addEventListener("click", deleteSelected);
function deleteSelected() {
    const i = state.selected;
    if (i === null) return;
    state.selected = null;
    model.edit((doc) => doc.buildings.splice(i, 1));
}
$("scene-name").addEventListener("change", () => model.edit((doc) => {
    doc.name = $("scene-name").value.trim();
}));
$("lang").addEventListener("click", () => {
    setLanguage(language() === "zh" ? "en" : "zh", true);
    applyI18n();
    view.ground.setNorth(t("northLabel"), site().northAngle ?? 0);
    refresh("language");
    sun.relabel();
    if (state.report) renderFlatTable($("flat-result"), state.report, buildingNames());
});

document.addEventListener("keydown", (e) => {
    const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement?.tagName ?? "");
    const mod = e.ctrlKey || e.metaKey;
    if (mod && !typing && e.key.toLowerCase() === "z") {
        e.preventDefault();
        if (e.shiftKey) model.redo();
        else model.undo();
    } else if (mod && !typing && e.key.toLowerCase() === "y") {
        e.preventDefault();
        model.redo();
    } else if (!typing && state.selected !== null
        && (e.key === "Delete" || (e.key === "Backspace" && document.activeElement === view.renderer.domElement))) {
        e.preventDefault();
        deleteSelected();
    } else if (e.key === "Escape" && state.placingUnit !== null) {
        state.placingUnit = null;
        hideNotice();
        panel.render();
    }
});

// ---- save and load -------------------------------------------------------------------------

function canEdit() {
    return !!(state.sceneId && tokens.get(state.sceneId));
}

function shareURL(id) {
    return `${location.origin}${location.pathname}#/s/${id}`;
}

function showShare(id) {
    $("share").hidden = !id;
    if (id) $("share-link").value = shareURL(id);
}

$("copy-link").addEventListener("click", async () => {
    $("share-link").select();
    try {
        await navigator.clipboard.writeText($("share-link").value);
        $("copy-link").textContent = t("copied");
    } catch {
        document.execCommand?.("copy");
    }
});

/** Saves: PUT with the edit token and If-Match when this browser owns the scene, else POST. */
async function save() {
    showNotice(t("saving"));
    const doc = model.snapshot();
    try {
        if (canEdit()) {
            const token = tokens.get(state.sceneId);
            const { revision } = await api.updateScene(state.sceneId, doc, token, state.revision);
            state.revision = revision;
        } else {
            const created = await api.createScene(doc);
            tokens.set(created.id, created.editToken);
            state.sceneId = created.id;
            state.revision = created.revision;
            history.replaceState(null, "", `#/s/${created.id}`);
            state.ignoreHash = `#/s/${created.id}`;
        }
        model.dirty = false;
        showShare(state.sceneId);
        showNotice(t("saved", { revision: state.revision }));
        refresh("saved");
        return true;
    } catch (e) {
        if (e.status === 412) {
            let latest = "?";
            try {
                latest = (await api.loadScene(state.sceneId)).revision;
            } catch {
                /* the message below is still right without the number */
            }
            showNotice(t("conflict", { revision: latest }), "error", [
                [t("reload"), () => openScene(state.sceneId)],
                [t("saveCopy"), () => saveCopy()],
            ]);
        } else {
            showError(e);
        }
        return false;
    }
}

async function saveCopy() {
    state.sceneId = null;
    state.revision = null;
    return save();
}

$("save").addEventListener("click", () => save());

async function openScene(id) {
    try {
        const { document: doc, revision } = await api.loadScene(id);
        state.sceneId = id;
        state.revision = revision;
        state.selected = null;
        state.report = null;
        $("flat-result").replaceChildren();
        model.load(doc);
        view.ground.setNorth(t("northLabel"), doc.site?.northAngle ?? 0);
        view.frame();
        showShare(id);
        if (canEdit()) hideNotice();
        else showNotice(t("viewOnly"), "warn");
    } catch (e) {
        if (e.status === 404) showNotice(t("notFound"), "error");
        else showError(e);
    }
}

function route() {
    if (state.ignoreHash && location.hash === state.ignoreHash) {
        state.ignoreHash = null;
        return;
    }
    const m = /^#\/s\/([^/?#]+)$/.exec(location.hash);
    if (m) openScene(decodeURIComponent(m[1]));
}
window.addEventListener("hashchange", route);

// ---- flat table ----------------------------------------------------------------------------

function buildingNames() {
    return Object.fromEntries(model.document.buildings.map((b) => [b.id, b.name ?? b.id]));
}

/** Highlights the flat's windows in 3D and remembers which flat that is. */
function highlight(b, unit, floor) {
    state.highlighted = b ? { building: b.id, unit, floor } : null;
    view.setHighlight(b, unit, floor);
}

function renderFlatPicker() {
    const b = state.selected === null ? null : model.document.buildings[state.selected];
    const units = b?.units ?? [];
    const usable = b && units.length && b.floors;
    $("flat-picker").hidden = !usable;
    $("flat-hint").textContent = !b ? t("pickBuilding") : usable ? "" : t("noUnits");
    $("flat-hint").hidden = !!usable;
    if (!usable) {
        highlight(null);
        return;
    }
    const floorSel = $("flat-floor");
    const unitSel = $("flat-unit");
    const keepFloor = state.flat?.building === b.id ? state.flat.floor : 1;
    const keepUnit = state.flat?.building === b.id ? state.flat.unit : units[0].id;
    floorSel.replaceChildren();
    for (let f = 1; f <= b.floors; f++) {
        const o = document.createElement("option");
        o.value = String(f);
        o.textContent = String(f);
        floorSel.append(o);
    }
    unitSel.replaceChildren();
    for (const u of units) {
        const o = document.createElement("option");
        o.value = u.id;
        o.textContent = u.name ? `${u.name} (${u.id})` : u.id;
        unitSel.append(o);
    }
    floorSel.value = String(Math.min(keepFloor, b.floors));
    unitSel.value = units.some((u) => u.id === keepUnit) ? keepUnit : units[0].id;
    state.flat = { building: b.id, floor: Number(floorSel.value), unit: unitSel.value };
    highlight(b, state.flat.unit, state.flat.floor);
}

for (const id of ["flat-floor", "flat-unit"]) {
    $(id).addEventListener("change", () => {
        const b = model.document.buildings[state.selected];
        state.flat = { building: b.id, floor: Number($("flat-floor").value), unit: $("flat-unit").value };
        highlight(b, state.flat.unit, state.flat.floor);
    });
}
$("flat-standard").addEventListener("change", () => sun.update(false));

$("flat-go").addEventListener("click", async () => {
    const flat = state.flat;
    if (!flat) return;
    if (model.dirty || !state.sceneId) {
        showNotice(t("savedBeforeTable"));
        if (!(await save())) return;
    }
    const result = $("flat-result");
    result.replaceChildren(document.createTextNode(t("computing")));
    result.setAttribute("aria-busy", "true");
    try {
        const report = await api.flatSunlight(state.sceneId, flat.building, flat.floor, flat.unit, sun.year,
            $("flat-standard").value);
        state.report = report;
        renderFlatTable(result, report, buildingNames());
        const b = model.document.buildings.find((x) => x.id === flat.building);
        highlight(b, flat.unit, flat.floor);
        view.focusWindow(b, flat.unit, flat.floor);
        result.scrollIntoView({ block: "start" });
    } catch (e) {
        result.replaceChildren();
        showError(e);
    } finally {
        result.removeAttribute("aria-busy");
    }
});

// ---- start ---------------------------------------------------------------------------------

async function loadCities() {
    try {
        const r = await fetch("data/cities.json");
        if (r.ok) state.cities = (await r.json()).cities ?? [];
    } catch {
        state.cities = [];
    }
    renderSite();
}

/** Hooks for the browser test: where a document point appears on screen. */
window.sunspot = {
    model,
    project(x, y, z = 0) {
        view.resize();
        const v = { x, y: z, z: -y };
        const p = new view.camera.position.constructor(v.x, v.y, v.z).project(view.camera);
        const rect = view.renderer.domElement.getBoundingClientRect();
        return [rect.left + ((p.x + 1) / 2) * rect.width, rect.top + ((1 - p.y) / 2) * rect.height];
    },
    highlighted: () => state.highlighted,
    litAt: (x, y, z) => view.isLit(x, y, z),
    get sceneId() {
        return state.sceneId;
    },
};

model.document.site = { ...DEFAULT_SITE };
view.ground.setNorth(t("northLabel"), 0);
refresh("init");
view.frame();
await loadCities();
if (/^#\/s\//.test(location.hash)) route();
else await sun.loadTerms(true);
document.body.dataset.ready = "true";
