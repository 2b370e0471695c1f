// The scene document being edited (DESIGN.md "Scene document", version 1; field names as in
// Sources/Scene/SceneDocument.swift) with undo/redo. Every change goes through `edit`, which
// snapshots the document first, so undo is exact and unknown fields survive a round trip.

import { prismOf } from "./geometry.js";

const HISTORY_LIMIT = 200;

export const DEFAULT_SITE = { latitude: 31.2304, longitude: 121.4737, timeZone: "Asia/Shanghai" };

/** Box sides are footprint edges 0..3 in this order (Scene+Validation.swift). */
export const FACES = ["south", "east", "north", "west"];

const clone = (x) => JSON.parse(JSON.stringify(x));

export class SceneModel {
    constructor() {
        this.document = { version: 1, name: "", site: { ...DEFAULT_SITE }, buildings: [] };
        this.undoStack = [];
        this.redoStack = [];
        this.listeners = new Set();
        this.dirty = false;
        this.pending = null;
    }

    onChange(fn) {
        this.listeners.add(fn);
    }

    notify(reason) {
        for (const fn of this.listeners) fn(reason);
    }

    /** Replaces the whole document (load), clearing history. */
    load(document) {
        this.document = clone(document);
        this.document.buildings ??= [];
        this.undoStack = [];
        this.redoStack = [];
        this.dirty = false;
        this.notify("load");
    }

    /** Applies `fn(document)` as one undoable step. */
    edit(fn, reason = "edit") {
        const before = JSON.stringify(this.document);
        fn(this.document);
        if (JSON.stringify(this.document) === before) return;
        this.undoStack.push(before);
        if (this.undoStack.length > HISTORY_LIMIT) this.undoStack.shift();
        this.redoStack = [];
        this.dirty = true;
        this.notify(reason);
    }

    /**
     * A gesture (drag) is one undo step however many moves it makes: `begin` keeps the
     * document before it, `live` changes without history, `commit` records the step.
     */
    begin() {
        this.pending = JSON.stringify(this.document);
    }

    live(fn) {
        fn(this.document);
        this.notify("live");
    }

    commit() {
        if (this.pending === null) return;
        const before = this.pending;
        this.pending = null;
        if (JSON.stringify(this.document) === before) return;
        this.undoStack.push(before);
        this.redoStack = [];
        this.dirty = true;
        this.notify("edit");
    }

    get canUndo() {
        return this.undoStack.length > 0;
    }

    get canRedo() {
        return this.redoStack.length > 0;
    }

    undo() {
        if (!this.canUndo) return;
        this.redoStack.push(JSON.stringify(this.document));
        this.document = JSON.parse(this.undoStack.pop());
        this.dirty = true;
        this.notify("undo");
    }

    redo() {
        if (!this.canRedo) return;
        this.undoStack.push(JSON.stringify(this.document));
        this.document = JSON.parse(this.redoStack.pop());
        this.dirty = true;
        this.notify("redo");
    }

    /** The document to send: a deep copy, with empty optional parts dropped. */
    snapshot() {
        const doc = clone(this.document);
        if (!doc.name) delete doc.name;
        for (const b of doc.buildings) {
            if (b.units && b.units.length === 0) delete b.units;
        }
        return doc;
    }

    /** A building id not yet used: the smallest free positive integer. */
    freeBuildingId() {
        const used = new Set(this.document.buildings.map((b) => b.id));
        let n = 1;
        while (used.has(String(n))) n++;
        return String(n);
    }
}

/**
 * Outline of a building in the document frame, counter-clockwise; box sides in FACES order.
 * The engine's footprint (geometry.js) once it has answered for this building.
 */
export function outline(b) {
    const prism = prismOf(b);
    return prism ? prism.footprint.map((p) => [p[0], p[1]]) : previewOutline(b);
}

/**
 * A box's corners while the engine's answer for it is on its way (mid-drag): the same rule
 * as Scene+Validation's box outline; replaced by the engine's footprint when it arrives.
 */
function previewOutline(b) {
    if (b.box) {
        const { x, y, width, depth } = b.box;
        const r = ((b.box.rotation ?? 0) * Math.PI) / 180;
        const c = Math.cos(r);
        const s = Math.sin(r);
        return [[-width / 2, -depth / 2], [width / 2, -depth / 2], [width / 2, depth / 2], [-width / 2, depth / 2]]
            .map(([u, v]) => [x + u * c - v * s, y + u * s + v * c]);
    }
    return (b.footprint ?? []).map((p) => [p[0], p[1]]);
}

/** Underside and top of a building, metres above ground (the engine's, or height / floors × floorHeight). */
export function verticalExtent(b) {
    const prism = prismOf(b);
    if (prism) return { base: prism.base, top: prism.top };
    const base = b.base ?? 0;
    const height = b.height ?? (b.floors ?? 0) * (b.floorHeight ?? 0);
    return { base, top: base + height };
}

/** Edge index a window sits on: its box face, or its footprint edge. */
export function windowEdge(w) {
    return w.face !== undefined && w.face !== null ? FACES.indexOf(w.face) : w.edge;
}

/**
 * The window's plan geometry (centre, along, outward): the engine's window frame
 * (GET /v1/scenes/{id}/geometry, POST /v1/geometry), or null while the engine has not
 * answered for this building (the window is drawn when it has).
 */
export function windowPlan(b, w) {
    const prism = prismOf(b);
    if (!prism) return null;
    for (const [ui, u] of (b.units ?? []).entries()) {
        const wi = (u.windows ?? []).indexOf(w);
        if (wi >= 0) return prism.units[ui]?.windows[wi] ?? null;
    }
    return null;
}

/** Length of edge `i` of a building's outline. */
export function edgeLength(b, i) {
    const pts = outline(b);
    const a = pts[i];
    const c = pts[(i + 1) % pts.length];
    return Math.hypot(c[0] - a[0], c[1] - a[1]);
}

/** Keeps every window of a box building on its facade after a resize (the engine rejects overhangs). */
export function fitWindows(b) {
    for (const u of b.units ?? []) {
        for (const w of u.windows ?? []) {
            const i = w.face !== undefined ? FACES.indexOf(w.face) : w.edge;
            if (i < 0 || i === undefined) continue;
            const length = edgeLength(b, i);
            w.width = cm(Math.min(w.width, Math.max(0.1, length - 0.2)));
            const room = Math.max(0, length / 2 - w.width / 2);
            w.offset = cm(Math.max(-room, Math.min(room, w.offset)));
        }
    }
}

/** Rounds to centimetres (what people type and what the document keeps). */
export function cm(x) {
    return Math.round(x * 100) / 100;
}
