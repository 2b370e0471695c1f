// SunSpot web page: wires the scene model, the 3D view, the editor and the side panels. Each
// role has its module: site.js (the site panel), persistence.js (save, share, routes),
// flatPicker.js (a flat and its table), notice.js; what is open and picked lives in store.js.
// Buildings and windows are drawn with the engine's geometry (geometry.js).
import { applyI18n, initialLanguage, language, setLanguage, t } from "./i18n.js";
import { SceneModel, DEFAULT_SITE, outline, cm, windowPlan } from "./model.js";
import * as geometry from "./geometry.js";
import { View3D } from "./view3d.js";
import { Editor } from "./editor.js";
import { BuildingPanel, addWindow } from "./buildingPanel.js";
import { SunControls } from "./sunControls.js";
import { hideNotice, showError, showNotice } from "./notice.js";
import { initSite, loadCities, renderSite } from "./site.js";
import { canEdit, initPersistence } from "./persistence.js";
import { initFlatPicker } from "./flatPicker.js";
import { store } from "./store.js";

const $ = (id) => document.getElementById(id);

setLanguage(initialLanguage());
applyI18n();

const model = new SceneModel();
const view = new View3D($("viewport"));
const refraction = () => $("flat-standard").value !== "none";
const site = () => model.document.site;
const sun = new SunControls(view, site, refraction, (e) => showError(e));
const panel = new BuildingPanel(model, {
    select: (i) => select(i),
    selected: () => store.state.selected,
    placingUnit: (ui) => {
        store.set({ placingUnit: ui });
        panel.render();
        if (ui !== null) showNotice(t("placeWindowActive"), "warn");
        else hideNotice();
    },
    placing: () => store.state.placingUnit,
});
const editor = new Editor(view, model, {
    select: (i) => select(i),
    isPlacing: () => store.state.placingUnit !== null && store.state.selected !== null,
    placeWindow: (index, edge, offset) => placeWindow(index, edge, offset),
    tapped: () => flats.reveal(),
});
const { save, route } = initPersistence({ model, view, refresh: (reason) => refresh(reason) });
const flats = initFlatPicker({ model, view, sun, save, select: (i) => select(i) });
initSite(model);

/** Stops placing a window (another building, Escape, or a window placed). */
function stopPlacing() {
    if (store.state.placingUnit === null) return;
    store.set({ placingUnit: null });
    hideNotice();
}

/** A facade click while "place window" is on: adds a window to the chosen unit there. */
function placeWindow(index, edge, offset) {
    const { selected, placingUnit } = store.state;
    if (index !== selected || placingUnit === null) {
        select(index);
        return;
    }
    stopPlacing();
    model.edit((doc) => addWindow(doc.buildings[index], placingUnit, edge, offset));
}

// ---- selection, rendering ------------------------------------------------------------------

function select(index) {
    const n = model.document.buildings.length;
    store.set({ selected: index !== null && index >= 0 && index < n ? index : null, answering: false });
    editor.selected = store.state.selected;
    stopPlacing();
    refresh("select");
}

function refresh(reason) {
    const doc = model.document;
    view.renderer.domElement.setAttribute("aria-label", t("viewer3d"));
    if (store.state.selected !== null && store.state.selected >= doc.buildings.length) store.set({ selected: null });
    const { selected } = store.state;
    editor.selected = selected;
    view.setBuildings(doc, selected);
    // No editing handles over an answer being read (they come back when a building is picked).
    const handled = selected === null || store.state.answering ? null : selected;
    view.setHandles(handled === null ? null : doc.buildings[handled], handled);
    if (reason === "geometry") flats.rehighlight();
    if (reason === "live" || reason === "geometry") return;
    panel.render();
    flats.render();
    $("undo").disabled = !model.canUndo;
    $("redo").disabled = !model.canRedo;
    $("delete-building").disabled = selected === null;
    if (document.activeElement !== $("scene-name")) $("scene-name").value = doc.name ?? "";
    renderSite(model);
    document.title = `${doc.name ? `${doc.name} · ` : ""}SunSpot${model.dirty ? " *" : ""}`;
    $("save").textContent = canEdit() || !store.state.sceneId ? t("save") : t("saveCopy");
}

/** Asks the engine for the edited document's prisms and window frames, and redraws with them. */
async function deriveGeometry() {
    if (await geometry.request(model.document, model.snapshot())) refresh("geometry");
}

model.onChange((reason) => {
    refresh(reason);
    if (reason !== "live") deriveGeometry();
    if (reason === "load" || reason === "site") sun.loadTerms(reason === "load");
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
    const i = store.state.selected;
    if (i === null) return;
    store.set({ selected: null });
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
    flats.relabel();
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
    } else if (!typing && store.state.selected !== null
        && (e.key === "Delete" || (e.key === "Backspace" && document.activeElement === view.renderer.domElement))) {
        e.preventDefault();
        deleteSelected();
    } else if (e.key === "Escape" && store.state.placingUnit !== null) {
        stopPlacing();
        panel.render();
    }
});

// ---- start ---------------------------------------------------------------------------------

/** Hooks for the browser test: where a document point appears on screen, and what is drawn. */
window.sunspot = {
    model,
    project(x, y, z = 0) {
        view.resize();
        const v = { x, y: z, z: -y };
        const p = new view.camera.position.constructor(v.x, v.y, v.z).project(view.camera);
        const rect = view.renderer.domElement.getBoundingClientRect();
        return [rect.left + ((p.x + 1) / 2) * rect.width, rect.top + ((1 - p.y) / 2) * rect.height];
    },
    /** The editing handle a click at document point (x, y, z) would grab now, or null. */
    handleAt(x, y, z) {
        const [cx, cy] = this.project(x, y, z);
        return view.pick(cx, cy, view.handles.children).hits[0]?.object.userData.handle ?? null;
    },
    highlighted: () => store.state.highlighted,
    /** A client point where a tap picks building `index` now (its roof, not under the notice), or null. */
    pickPoint: (index) => view.pickPoint(index),
    /** Whether the editing handles are drawn. */
    handlesShown: () => view.handles.children.length > 0,
    litAt: (x, y, z) => view.isLit(x, y, z),
    /** The frame the page draws window `w` of unit `unit` of building `index` with (null before the engine's answer). */
    windowFrame: (index, unit, w) => {
        const b = model.document.buildings[index];
        const u = (b?.units ?? []).find((x) => x.id === unit);
        return u?.windows[w] ? windowPlan(b, u.windows[w]) : null;
    },
    /** The footprint the page draws building `index` with, and whether it is the engine's. */
    footprint: (index) => {
        const b = model.document.buildings[index];
        return { points: outline(b), engine: geometry.prismOf(b) !== null };
    },
    get sceneId() {
        return store.state.sceneId;
    },
};

model.document.site = { ...DEFAULT_SITE };
view.ground.setNorth(t("northLabel"), 0);
refresh("init");
view.frame();
await loadCities(model);
if (/^#\/s\//.test(location.hash)) route();
else await sun.loadTerms(true);
document.body.dataset.ready = "true";
