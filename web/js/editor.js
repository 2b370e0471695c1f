// Pointer and keyboard editing in the 3D view: click to select, drag a building on the
// ground to move it, drag handles to resize / rotate / raise it, click a facade to place a
// window, arrow keys to nudge. Each gesture is one undo step (SceneModel.begin/commit).
import { cm, fitWindows, outline, verticalExtent } from "./model.js";
import { HANDLE_GAP } from "./dimensions.js";

const DRAG_THRESHOLD_PX = 4;
const MIN_SIZE = 2;

export class Editor {
    /**
     * @param view View3D
     * @param model SceneModel
     * @param hooks {select(index|null), placeWindow(index, edge, offset) → bool, isPlacing() → bool,
     *   tapped(index): a building was tapped (pressed and let go without moving)}
     */
    constructor(view, model, hooks) {
        this.view = view;
        this.model = model;
        this.hooks = hooks;
        this.selected = null;
        this.gesture = null;
        const canvas = view.renderer.domElement;
        canvas.style.touchAction = "none";
        canvas.addEventListener("pointerdown", (e) => this.down(e));
        window.addEventListener("pointermove", (e) => this.move(e));
        window.addEventListener("pointerup", (e) => this.up(e));
        window.addEventListener("pointercancel", (e) => this.up(e));
        canvas.addEventListener("keydown", (e) => this.key(e));
    }

    down(e) {
        if (e.button !== undefined && e.button !== 0) return;
        const handleHit = this.view.pick(e.clientX, e.clientY, this.view.handles.children).hits[0];
        const hit = this.view.pick(e.clientX, e.clientY, this.view.buildings.children).hits
            .find((h) => h.object.userData.kind === "building" || h.object.userData.kind === "window");
        // Handles draw on top of everything; a building in front of one still takes the click.
        if (handleHit && (!hit || handleHit.distance <= hit.distance + 1)) {
            // Drag in the horizontal plane through the handle, so it stays under the pointer.
            this.start(e, handleHit.object.userData.handle, handleHit.object.userData.buildingIndex,
                handleHit.object.position.y);
            return;
        }
        if (!hit) {
            this.gesture = { kind: "empty", x: e.clientX, y: e.clientY };
            return;
        }
        const index = hit.object.userData.buildingIndex;
        if (this.hooks.isPlacing()) {
            const facade = this.view.pick(e.clientX, e.clientY, this.view.buildings.children).hits
                .find((h) => h.object.userData.kind === "building");
            this.view.controls.enabled = false;
            this.gesture = { kind: "place" };
            if (facade) this.place(facade);
            return;
        }
        this.hooks.select(index);
        // The grabbed point stays under the pointer: drag in the horizontal plane through it.
        this.start(e, "move", index, Math.max(0, hit.point.y));
    }

    start(e, kind, index, planeHeight) {
        const b = this.model.document.buildings[index];
        if (!b) return;
        this.view.controls.enabled = false;
        this.gesture = {
            kind, index, x: e.clientX, y: e.clientY, moved: false,
            planeHeight,
            ground0: this.view.groundPoint(e.clientX, e.clientY, planeHeight),
            box0: b.box ? { ...b.box } : null,
            footprint0: b.footprint ? b.footprint.map((p) => [...p]) : null,
        };
    }

    move(e) {
        const g = this.gesture;
        if (!g || g.kind === "empty" || g.kind === "place") return;
        if (!g.moved) {
            if (Math.hypot(e.clientX - g.x, e.clientY - g.y) < DRAG_THRESHOLD_PX) return;
            g.moved = true;
            this.model.begin();
        }
        const b = this.model.document.buildings[g.index];
        if (!b) return;
        const p = this.view.groundPoint(e.clientX, e.clientY, g.planeHeight);
        this.model.live(() => {
            if (g.kind === "move") {
                if (!p || !g.ground0) return;
                const dx = Math.round((p[0] - g.ground0[0]) * 10) / 10;
                const dy = Math.round((p[1] - g.ground0[1]) * 10) / 10;
                if (b.box) {
                    b.box.x = cm(g.box0.x + dx);
                    b.box.y = cm(g.box0.y + dy);
                } else if (b.footprint) {
                    b.footprint = g.footprint0.map(([x, y]) => [cm(x + dx), cm(y + dy)]);
                }
            } else if (g.kind === "height") {
                const centre = this.centre(b);
                const h = this.view.heightAt(e.clientX, e.clientY, centre);
                if (h === null) return;
                const { base } = verticalExtent(b);
                if (b.floors && b.floorHeight && b.height === undefined) {
                    b.floors = Math.max(1, Math.min(200, Math.round((h - 2.5 - base) / b.floorHeight)));
                } else {
                    b.height = Math.max(1, cm(h - 2.5 - base));
                }
            } else if (b.box && p) {
                const r = ((g.box0.rotation ?? 0) * Math.PI) / 180;
                const dx = p[0] - g.box0.x;
                const dy = p[1] - g.box0.y;
                const u = dx * Math.cos(r) + dy * Math.sin(r);
                const v = -dx * Math.sin(r) + dy * Math.cos(r);
                if (g.kind === "width") b.box.width = Math.max(MIN_SIZE, Math.round((Math.abs(u) - HANDLE_GAP) * 20) / 10);
                if (g.kind === "depth") b.box.depth = Math.max(MIN_SIZE, Math.round((Math.abs(v) - HANDLE_GAP) * 20) / 10);
                if (g.kind === "rotate") {
                    const handleAngle = Math.atan2(g.box0.depth / 2 + HANDLE_GAP, g.box0.width / 2 + HANDLE_GAP);
                    let deg = ((Math.atan2(dy, dx) - handleAngle) * 180) / Math.PI;
                    deg = e.shiftKey ? Math.round(deg / 15) * 15 : Math.round(deg);
                    deg = ((deg + 540) % 360) - 180;
                    b.box.rotation = deg;
                }
                fitWindows(b);
            }
        });
    }

    up() {
        const g = this.gesture;
        this.gesture = null;
        this.view.controls.enabled = true;
        if (!g) return;
        if (g.kind === "empty") return;
        if (g.moved) this.model.commit();
        else if (g.kind === "move") this.hooks.tapped?.(g.index);
    }

    centre(b) {
        if (b.box) return [b.box.x, b.box.y];
        const pts = outline(b);
        return [pts.reduce((s, p) => s + p[0], 0) / pts.length, pts.reduce((s, p) => s + p[1], 0) / pts.length];
    }

    /** A click on a wall: its outline edge and the offset from the edge midpoint along the edge. */
    place(hit) {
        const index = hit.object.userData.buildingIndex;
        const edges = hit.object.geometry.userData.edgeOfTriangle;
        const edge = edges?.[hit.faceIndex];
        if (edge === undefined || edge < 0) return;
        const b = this.model.document.buildings[index];
        const pts = outline(b);
        const a = pts[edge];
        const c = pts[(edge + 1) % pts.length];
        const len = Math.hypot(c[0] - a[0], c[1] - a[1]);
        const along = [(c[0] - a[0]) / len, (c[1] - a[1]) / len];
        const px = hit.point.x;
        const py = -hit.point.z;
        const offset = (px - (a[0] + c[0]) / 2) * along[0] + (py - (a[1] + c[1]) / 2) * along[1];
        this.hooks.placeWindow(index, edge, Math.round(offset * 10) / 10);
    }

    /** Keyboard on the canvas: arrows move the selection (Shift: 10 m), [ and ] rotate it. */
    key(e) {
        const index = this.selected;
        const b = index === null ? null : this.model.document.buildings[index];
        if (!b) return;
        const step = e.shiftKey ? 10 : 1;
        const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
        if (moves[e.key]) {
            e.preventDefault();
            const [dx, dy] = moves[e.key];
            this.model.edit((doc) => {
                const t = doc.buildings[index];
                if (t.box) {
                    t.box.x = cm(t.box.x + dx);
                    t.box.y = cm(t.box.y + dy);
                } else {
                    t.footprint = t.footprint.map(([x, y]) => [cm(x + dx), cm(y + dy)]);
                }
            });
        } else if ((e.key === "[" || e.key === "]") && b.box) {
            e.preventDefault();
            const turn = (e.key === "[" ? 1 : -1) * (e.shiftKey ? 15 : 5);
            this.model.edit((doc) => {
                const t = doc.buildings[index];
                t.box.rotation = (((t.box.rotation ?? 0) + turn + 540) % 360) - 180;
                fitWindows(t);
            });
        }
    }
}
