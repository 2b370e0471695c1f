// The side panel's building list and the selected building's form: name, position, size,
// rotation, floors × floor height (or height), units and their windows. Inputs commit on
// `change`, one undo step each; the list doubles as keyboard selection of buildings.
import { t } from "./i18n.js";
import { cm, edgeLength, FACES, fitWindows, verticalExtent, windowEdge } from "./model.js";
import { buildingLabel } from "./labels.js";

const el = (tag, attrs = {}, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
        if (v === undefined || v === null || v === false) continue;
        if (k === "class") e.className = v;
        else if (k === "text") e.textContent = v;
        else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) if (c) e.append(c);
    return e;
};

function field(labelKey, input, wide = false) {
    return el("label", { class: wide ? "wide" : null }, el("span", { text: t(labelKey) }), input);
}

function numberInput(id, value, { min, max, step = "0.1" } = {}) {
    return el("input", { id, type: "number", value: String(value ?? ""), min, max, step, inputmode: "decimal" });
}

/** A window's facade for people: "south" for a box face, "edge 3" for a footprint edge. */
export function facadeLabel(w) {
    return w.face ? t(`face.${w.face}`) : `${t("edge")} ${w.edge}`;
}

export class BuildingPanel {
    /**
     * @param model SceneModel
     * @param hooks {select(index|null), selected() → index|null, placingUnit(unitIndex|null), placing() → unitIndex|null}
     */
    constructor(model, hooks) {
        this.model = model;
        this.hooks = hooks;
        this.list = document.getElementById("building-list");
        this.form = document.getElementById("building-form");
        this.form.addEventListener("submit", (e) => e.preventDefault());
    }

    render() {
        const doc = this.model.document;
        const selected = this.hooks.selected();
        this.list.replaceChildren();
        if (!doc.buildings.length) this.list.append(el("li", { class: "hint", text: t("noBuildings") }));
        doc.buildings.forEach((b, i) => {
            const button = el("button", {
                type: "button", "data-index": String(i), "aria-pressed": String(i === selected),
                text: buildingLabel(b),
            });
            button.addEventListener("click", () => this.hooks.select(i === selected ? null : i));
            this.list.append(el("li", {}, button));
        });
        this.renderForm(selected === null ? null : doc.buildings[selected], selected);
    }

    renderForm(b, index) {
        const focusedId = document.activeElement?.id;
        this.form.replaceChildren();
        this.form.hidden = !b;
        if (!b) return;
        const set = (fn) => this.model.edit((doc) => fn(doc.buildings[index]));
        const num = (input, fn) => input.addEventListener("change", () => {
            const v = Number(input.value);
            if (input.value === "" || !Number.isFinite(v)) return this.render();
            set((x) => fn(x, v));
        });
        const name = el("input", { id: "b-name", type: "text", value: b.name ?? "", maxlength: "200" });
        name.addEventListener("change", () => set((x) => {
            x.name = name.value.trim() || undefined;
        }));
        this.form.append(field("name", name, true));
        if (b.box) {
            const inputs = {
                x: numberInput("b-x", b.box.x), y: numberInput("b-y", b.box.y),
                width: numberInput("b-width", b.box.width, { min: "1" }), depth: numberInput("b-depth", b.box.depth, { min: "1" }),
                rotation: numberInput("b-rotation", b.box.rotation ?? 0, { min: "-180", max: "180", step: "1" }),
            };
            num(inputs.x, (x, v) => (x.box.x = cm(v)));
            num(inputs.y, (x, v) => (x.box.y = cm(v)));
            num(inputs.width, (x, v) => {
                x.box.width = cm(Math.max(1, v));
                fitWindows(x);
            });
            num(inputs.depth, (x, v) => {
                x.box.depth = cm(Math.max(1, v));
                fitWindows(x);
            });
            num(inputs.rotation, (x, v) => (x.box.rotation = Math.max(-360, Math.min(360, v))));
            this.form.append(field("centreX", inputs.x), field("centreY", inputs.y), field("width", inputs.width),
                field("depth", inputs.depth), field("rotation", inputs.rotation, true));
        } else {
            this.form.append(el("p", { class: "hint wide", text: t("footprintNote") }));
        }
        if (b.floors !== undefined || b.height === undefined) {
            const floors = numberInput("b-floors", b.floors ?? 1, { min: "1", max: "200", step: "1" });
            const fh = numberInput("b-floor-height", b.floorHeight ?? 2.9, { min: "1.5", max: "20", step: "0.1" });
            num(floors, (x, v) => {
                x.floors = Math.max(1, Math.min(200, Math.round(v)));
                if (x.height !== undefined && x.floorHeight) x.height = Math.max(x.height, cm(x.floors * x.floorHeight));
            });
            num(fh, (x, v) => (x.floorHeight = cm(Math.max(1.5, Math.min(20, v)))));
            this.form.append(field("floors", floors), field("floorHeight", fh));
        }
        if (b.height !== undefined) {
            const h = numberInput("b-height", b.height, { min: "0.1", step: "0.1" });
            num(h, (x, v) => (x.height = cm(Math.max(0.1, v))));
            this.form.append(field("height", h));
        } else {
            this.form.append(el("p", { class: "hint", text: `${t("height")}: ${cm(verticalExtent(b).top)}` }));
        }
        this.form.append(this.unitsBlock(b, index));
        if (focusedId) document.getElementById(focusedId)?.focus();
    }

    unitsBlock(b, index) {
        const block = el("div", { class: "units" }, el("strong", { text: t("units") }));
        const units = b.units ?? [];
        units.forEach((u, ui) => {
            const name = el("input", { id: `u-name-${ui}`, type: "text", value: u.name ?? "", "aria-label": `${t("unitName")} ${u.id}` });
            name.addEventListener("change", () => this.model.edit((doc) => {
                doc.buildings[index].units[ui].name = name.value.trim() || undefined;
            }));
            const placing = this.hooks.placing() === ui;
            const place = el("button", { type: "button", id: `u-place-${ui}`, "aria-pressed": String(placing), text: placing ? t("placeWindowActive") : t("placeWindow") });
            place.addEventListener("click", () => this.hooks.placingUnit(placing ? null : ui));
            const remove = el("button", { type: "button", text: t("removeUnit") });
            remove.addEventListener("click", () => this.model.edit((doc) => {
                doc.buildings[index].units.splice(ui, 1);
            }));
            const list = el("ul");
            u.windows.forEach((w, wi) => {
                const del = el("button", { type: "button", text: t("removeWindow"), "aria-label": `${t("removeWindow")} ${u.id} ${wi + 1}` });
                del.addEventListener("click", () => this.model.edit((doc) => {
                    const unit = doc.buildings[index].units[ui];
                    unit.windows.splice(wi, 1);
                }));
                const sign = w.offset > 0 ? "+" : "";
                list.append(el("li", { text: `${facadeLabel(w)} ${sign}${w.offset} m · ${w.width} m` }, del));
            });
            if (!u.windows.length) list.append(el("li", { class: "hint", text: t("noWindows") }));
            block.append(el("div", { class: "unit", "data-unit": u.id },
                el("div", { class: "row" }, el("code", { text: u.id }), name), list,
                el("div", { class: "row" }, place, remove)));
        });
        const add = el("button", { type: "button", id: "add-unit", text: t("addUnit") });
        add.disabled = units.length >= 64;
        add.addEventListener("click", () => this.model.edit((doc) => {
            const x = doc.buildings[index];
            x.units ??= [];
            x.floors ??= Math.max(1, Math.round(verticalExtent(x).top / 3));
            x.floorHeight ??= 3;
            const used = new Set(x.units.map((u) => u.id));
            let n = x.units.length + 1;
            while (used.has(`u${n}`)) n++;
            x.units.push({ id: `u${n}`, name: t("unitN", { n }), windows: [] });
        }));
        block.append(el("div", { class: "row" }, add));
        return block;
    }
}

/** Adds a window (1.5 m wide) to unit `ui` of building `b`, at `offset` on outline edge `edge`. */
export function addWindow(b, ui, edge, offset) {
    const length = edgeLength(b, edge);
    const width = cm(Math.min(1.5, Math.max(0.1, length - 0.2)));
    const room = Math.max(0, length / 2 - width / 2);
    const w = { offset: cm(Math.max(-room, Math.min(room, offset))), width };
    if (b.box) w.face = FACES[edge];
    else w.edge = edge;
    b.units[ui].windows.push(w);
    return windowEdge(w);
}
