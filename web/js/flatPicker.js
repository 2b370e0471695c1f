// The flat picker: a floor and unit of the selected building, highlighted in 3D, and its
// 24-term table from GET /v1/scenes/{id}/flats/…/sunlight (saving first when needed).
import * as api from "./api.js";
import { t } from "./i18n.js";
import { renderFlatTable } from "./flatTable.js";
import { showError, showNotice } from "./notice.js";
import { store } from "./store.js";

const $ = (id) => document.getElementById(id);

/**
 * @param page {model: SceneModel, view: View3D, sun: SunControls, save() → Promise<bool>}
 * @returns {render(), rehighlight(), relabel()}
 */
export function initFlatPicker({ model, view, sun, save }) {
    const buildingNames = () => Object.fromEntries(model.document.buildings.map((b) => [b.id, b.name ?? b.id]));

    /** Highlights the flat's windows in 3D and remembers which flat that is. */
    function highlight(b, unit, floor) {
        store.set({ highlighted: b ? { building: b.id, unit, floor } : null });
        view.setHighlight(b, unit, floor);
    }

    /** Redraws the highlight (the engine's window frames arrived). */
    function rehighlight() {
        const h = store.state.highlighted;
        if (h) view.setHighlight(model.document.buildings.find((b) => b.id === h.building), h.unit, h.floor);
    }

    function render() {
        const { selected, flat } = store.state;
        const b = selected === null ? null : model.document.buildings[selected];
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
        const keepFloor = flat?.building === b.id ? flat.floor : 1;
        const keepUnit = flat?.building === b.id ? flat.unit : units[0].id;
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
        pick(b);
    }

    /** Takes the floor and unit fields as the picked flat of building `b`. */
    function pick(b) {
        const flat = { building: b.id, floor: Number($("flat-floor").value), unit: $("flat-unit").value };
        store.set({ flat });
        highlight(b, flat.unit, flat.floor);
    }

    for (const id of ["flat-floor", "flat-unit"]) {
        $(id).addEventListener("change", () => pick(model.document.buildings[store.state.selected]));
    }
    $("flat-standard").addEventListener("change", () => sun.update(false));

    $("flat-go").addEventListener("click", async () => {
        const flat = store.state.flat;
        if (!flat) return;
        if (model.dirty || !store.state.sceneId) {
            showNotice(t("savedBeforeTable"));
            if (!(await save())) return;
        }
        const result = $("flat-result");
        result.replaceChildren(document.createTextNode(t("computing")));
        result.setAttribute("aria-busy", "true");
        try {
            const report = await api.flatSunlight(store.state.sceneId, flat.building, flat.floor, flat.unit, sun.year,
                $("flat-standard").value);
            store.set({ report });
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

    /** Redraws the table in the page's language. */
    function relabel() {
        if (store.state.report) renderFlatTable($("flat-result"), store.state.report, buildingNames());
    }

    return { render, rehighlight, relabel };
}
