// The flat picker: a building, a floor and a unit as big tappable choices (the buyer's three
// taps), highlighted in 3D, and the flat's answer from GET /v1/scenes/{id}/flats/…/sunlight.
// On a saved scene the answer comes as soon as floor and unit are both chosen; an edited or
// unsaved scene is saved first, so that only happens on the Compute button.
import * as api from "./api.js";
import { t } from "./i18n.js";
import { buildingLabel, unitLabel } from "./labels.js";
import { renderFlatTable } from "./flatTable.js";
import { showError, showNotice } from "./notice.js";
import { store } from "./store.js";

const $ = (id) => document.getElementById(id);

function chip(text, pressed, onClick, data = {}) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.setAttribute("aria-pressed", String(pressed));
    for (const [k, v] of Object.entries(data)) b.dataset[k] = v;
    b.addEventListener("click", onClick);
    return b;
}

/** A building can be asked about when it has floors and at least one unit. */
const hasFlats = (b) => !!(b && b.floors && (b.units ?? []).length);

/**
 * @param page {model: SceneModel, view: View3D, sun: SunControls, save() → Promise<bool>, select(index|null)}
 * @returns {render(), rehighlight(), relabel(), reveal()}
 */
export function initFlatPicker({ model, view, sun, save, select }) {
    const buildingNames = () => Object.fromEntries(model.document.buildings.map((b) => [b.id, buildingLabel(b)]));
    let requestSeq = 0;

    /** Highlights the flat's windows in 3D and remembers which flat that is. */
    function highlight(b, unit, floor) {
        store.set({ highlighted: b && unit && floor ? { building: b.id, unit, floor } : null });
        view.setHighlight(b && unit && floor ? b : null, unit, floor);
    }

    /** Redraws the highlight (the engine's window frames arrived). */
    function rehighlight() {
        const h = store.state.highlighted;
        if (h) view.setHighlight(model.document.buildings.find((b) => b.id === h.building), h.unit, h.floor);
    }

    /** The selected building's flat choice: kept while the same building stays selected. */
    function currentFlat(b) {
        const flat = store.state.flat;
        if (flat?.building === b.id) return flat;
        const units = b.units ?? [];
        return { building: b.id, floor: null, unit: units.length === 1 ? units[0].id : null };
    }

    function render() {
        const doc = model.document;
        const { selected } = store.state;
        const b = selected === null ? null : doc.buildings[selected];
        const list = $("flat-buildings");
        list.replaceChildren();
        doc.buildings.forEach((x, i) => {
            if (!hasFlats(x)) return;
            list.append(chip(buildingLabel(x), i === selected, () => {
                if (i !== store.state.selected) select(i);
                reveal();
            }, { index: String(i), building: x.id }));
        });
        const usable = hasFlats(b);
        $("flat-picker").hidden = !usable;
        $("flat-hint").textContent = !b ? t("pickBuilding") : usable ? "" : t("noUnits");
        $("flat-hint").hidden = !!usable;
        if (!usable) {
            highlight(null);
            return;
        }
        const flat = currentFlat(b);
        if (flat !== store.state.flat) store.set({ flat });
        const floors = $("flat-floors");
        floors.replaceChildren();
        for (let f = 1; f <= b.floors; f++) {
            floors.append(chip(String(f), flat.floor === f, () => choose({ floor: f }), { floor: String(f) }));
        }
        const units = $("flat-units");
        units.replaceChildren();
        for (const u of b.units) {
            units.append(chip(unitLabel(u), flat.unit === u.id, () => choose({ unit: u.id }), { unit: u.id }));
        }
        $("flat-go").disabled = !(flat.floor && flat.unit);
        highlight(b, flat.unit, flat.floor);
    }

    /** A floor or unit tap: marks it, and answers at once when the flat is complete and saved. */
    function choose(patch) {
        const b = model.document.buildings[store.state.selected];
        if (!b) return;
        const flat = { ...currentFlat(b), ...patch };
        store.set({ flat });
        render();
        if (!(flat.floor && flat.unit)) return;
        if (!model.dirty && store.state.sceneId) compute();
        else $("flat-go").scrollIntoView({ block: "nearest" });
    }

    $("flat-standard").addEventListener("change", () => {
        sun.update(false);
        if (store.state.report && !model.dirty) compute();
    });

    async function compute() {
        const flat = store.state.flat;
        if (!(flat?.floor && flat?.unit)) return;
        if (model.dirty || !store.state.sceneId) {
            showNotice(t("savedBeforeTable"));
            if (!(await save())) return;
        }
        const seq = ++requestSeq;
        const result = $("flat-result");
        result.replaceChildren(document.createTextNode(t("computing")));
        result.setAttribute("aria-busy", "true");
        try {
            const report = await api.flatSunlight(store.state.sceneId, flat.building, flat.floor, flat.unit, sun.year,
                $("flat-standard").value);
            if (seq !== requestSeq) return;
            // The answer is being read: the editing handles step aside until a building is picked again.
            store.set({ report, answering: true });
            renderFlatTable(result, report, buildingNames());
            const b = model.document.buildings.find((x) => x.id === flat.building);
            highlight(b, flat.unit, flat.floor);
            view.setHandles(null, null);
            view.focusWindow(b, flat.unit, flat.floor);
            result.scrollIntoView({ block: "start" });
        } catch (e) {
            if (seq !== requestSeq) return;
            result.replaceChildren();
            showError(e);
        } finally {
            if (seq === requestSeq) result.removeAttribute("aria-busy");
        }
    }
    $("flat-go").addEventListener("click", compute);

    /** Brings the floor and unit choices into view (on a phone they are below the 3D view). */
    function reveal() {
        if (!$("flat-picker").hidden) $("flat-picker").scrollIntoView({ block: "nearest" });
    }

    /** Redraws the answer in the page's language. */
    function relabel() {
        if (store.state.report) renderFlatTable($("flat-result"), store.state.report, buildingNames());
    }

    return { render, rehighlight, relabel, reveal };
}
