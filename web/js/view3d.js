// The 3D view: camera and orbit controls, ground, buildings, the sun as a directional light
// with shadow mapping, the day's sun path as an arc, the highlighted flat window, and the
// editing handles of the selected box building.
//
// Shadows: the light comes from the same direction as the engine's sun (azimuth/elevation
// from GET /v1/sun once the slider settles) and falls on the same prisms (outline × [base,
// top]); the shadow map is a raster of that geometry (≈ 15 cm texels over the scene), a
// picture of the exact intervals the table reports, not their source.
import * as THREE from "three";
import { OrbitControls } from "three/addons/controls/OrbitControls.js";
import { Ground, textSprite, toThree } from "./ground.js";
import { buildingGroup, windowsGeometry } from "./buildingMesh.js";
import { DEFAULT_SILL, HANDLE_GAP } from "./dimensions.js";
import { outline, verticalExtent, windowPlan } from "./model.js";
import { sunVector } from "./solar.js";

export class View3D {
    constructor(container) {
        this.container = container;
        this.renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
        this.renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));
        this.renderer.shadowMap.enabled = true;
        this.renderer.shadowMap.type = THREE.PCFSoftShadowMap;
        this.renderer.setClearColor(0xdbeafe);
        const canvas = this.renderer.domElement;
        canvas.tabIndex = 0;
        canvas.id = "scene-canvas";
        container.appendChild(canvas);

        this.scene = new THREE.Scene();
        this.camera = new THREE.PerspectiveCamera(45, 1, 0.5, 5000);
        this.camera.position.set(90, 110, 150);
        this.controls = new OrbitControls(this.camera, canvas);
        this.controls.enableKeys = false;
        this.controls.maxPolarAngle = Math.PI / 2 - 0.02;
        this.controls.enableDamping = false;
        this.controls.addEventListener("change", () => this.requestRender());

        this.ground = new Ground(this.scene);
        this.hemisphere = new THREE.HemisphereLight(0xf8fafc, 0x94a3b8, 0.55);
        this.scene.add(this.hemisphere);
        this.sunLight = new THREE.DirectionalLight(0xfff7e0, 0.9);
        this.sunLight.castShadow = true;
        this.sunLight.shadow.mapSize.set(2048, 2048);
        this.sunLight.shadow.bias = -0.0005;
        this.scene.add(this.sunLight);
        this.scene.add(this.sunLight.target);

        this.buildings = new THREE.Group();
        this.scene.add(this.buildings);
        this.overlay = new THREE.Group();
        this.scene.add(this.overlay);
        this.handles = new THREE.Group();
        this.scene.add(this.handles);
        this.pathGroup = new THREE.Group();
        this.scene.add(this.pathGroup);
        this.sunBall = new THREE.Mesh(new THREE.SphereBufferGeometry(4, 24, 16),
            new THREE.MeshBasicMaterial({ color: 0xfacc15 }));
        this.scene.add(this.sunBall);

        this.bounds = { centre: [0, 0], radius: 60, top: 20 };
        this.sunDirection = { x: 0, y: -0.5, z: 0.5 };
        this.northAngle = 0;
        this.renderPending = false;
        this.resizeObserver = new ResizeObserver(() => this.resize());
        this.resizeObserver.observe(container);
        this.resize();
    }

    resize() {
        const w = Math.max(1, this.container.clientWidth);
        const h = Math.max(1, this.container.clientHeight);
        this.renderer.setSize(w, h, true);
        this.camera.aspect = w / h;
        this.camera.updateProjectionMatrix();
        this.requestRender();
    }

    requestRender() {
        if (this.renderPending) return;
        this.renderPending = true;
        requestAnimationFrame(() => {
            this.renderPending = false;
            this.renderer.render(this.scene, this.camera);
        });
    }

    /** Rebuilds every building from the document; `selected` is a building index or null. */
    setBuildings(document, selected) {
        while (this.buildings.children.length) {
            const g = this.buildings.children[0];
            this.buildings.remove(g);
            g.traverse((o) => o.geometry?.dispose());
        }
        document.buildings.forEach((b, i) => this.buildings.add(buildingGroup(b, i, i === selected)));
        this.updateBounds(document);
        this.placeSun();
        this.requestRender();
    }

    /** Bounding circle of all buildings (for the shadow camera and the sun-path dome), their corners and roof points. */
    updateBounds(document) {
        const pts = document.buildings.flatMap((b) => outline(b));
        const top = Math.max(10, ...document.buildings.map((b) => verticalExtent(b).top));
        this.corners = [];
        this.roofPoints = document.buildings.map((b) => {
            const ring = outline(b);
            const { base, top: roof } = verticalExtent(b);
            for (const [x, y] of ring) this.corners.push([x, y, base], [x, y, roof]);
            if (!ring.length) return [];
            const cx = ring.reduce((a, p) => a + p[0], 0) / ring.length;
            const cy = ring.reduce((a, p) => a + p[1], 0) / ring.length;
            const toward = ([x, y], k) => [x + (cx - x) * k, y + (cy - y) * k, roof];
            const mids = ring.map((p, i) => [(p[0] + ring[(i + 1) % ring.length][0]) / 2, (p[1] + ring[(i + 1) % ring.length][1]) / 2]);
            return [[cx, cy, roof], ...mids.map((p) => toward(p, 0.3)), ...ring.map((p) => toward(p, 0.3))];
        });
        if (!pts.length) {
            // An empty site: frame the 60 m around the origin (the ground grid).
            this.bounds = { centre: [0, 0], radius: 60, top };
            this.corners = [[-60, -60, 0], [60, -60, 0], [60, 60, 0], [-60, 60, 0], [0, 0, top]];
            return;
        }
        const xs = pts.map((p) => p[0]);
        const ys = pts.map((p) => p[1]);
        const centre = [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
        const radius = Math.max(30, ...pts.map((p) => Math.hypot(p[0] - centre[0], p[1] - centre[1])));
        this.bounds = { centre, radius, top };
    }

    /** Sets the sun from azimuth/elevation (degrees, true north) for the light and the ball. */
    setSun(azimuth, elevation, northAngle = 0) {
        this.northAngle = northAngle;
        this.sunDirection = sunVector(azimuth, elevation, northAngle);
        this.sunUp = elevation > 0;
        this.placeSun();
        this.requestRender();
    }

    placeSun() {
        const { centre, radius, top } = this.bounds;
        const d = this.sunDirection;
        const sphere = Math.hypot(radius, top);
        const distance = sphere + 400;
        const target = toThree(centre[0], centre[1], 0);
        this.sunLight.target.position.copy(target);
        this.sunLight.position.copy(target).add(toThree(d.x, d.y, d.z).multiplyScalar(distance));
        const cam = this.sunLight.shadow.camera;
        const half = sphere + 5;
        cam.left = -half;
        cam.right = half;
        cam.top = half;
        cam.bottom = -half;
        cam.near = 1;
        cam.far = distance + sphere + 2000;
        cam.updateProjectionMatrix();
        this.sunLight.intensity = this.sunUp ? 0.95 : 0;
        this.sunLight.castShadow = !!this.sunUp;
        this.hemisphere.intensity = this.sunUp ? 0.55 : 0.35;
        const dome = this.domeRadius();
        this.sunBall.visible = !!this.sunUp;
        this.sunBall.position.copy(target).add(toThree(d.x, d.y, d.z).multiplyScalar(dome));
    }

    domeRadius() {
        return Math.max(80, this.bounds.radius * 1.4, this.bounds.top * 1.3);
    }

    /**
     * Draws the day's sun path: `samples` are {azimuth, elevation, label?} (true north); the
     * part above the horizon becomes the arc, labelled samples get a dot and their hour.
     */
    setSunPath(samples, northAngle = 0) {
        while (this.pathGroup.children.length) {
            const o = this.pathGroup.children[0];
            this.pathGroup.remove(o);
            o.geometry?.dispose();
        }
        const { centre } = this.bounds;
        const dome = this.domeRadius();
        const origin = toThree(centre[0], centre[1], 0);
        const point = (s) => {
            const v = sunVector(s.azimuth, s.elevation, northAngle);
            return origin.clone().add(toThree(v.x, v.y, v.z).multiplyScalar(dome));
        };
        const above = samples.filter((s) => s.elevation >= 0);
        if (above.length > 1) {
            const g = new THREE.BufferGeometry().setFromPoints(above.map(point));
            this.pathGroup.add(new THREE.Line(g, new THREE.LineBasicMaterial({ color: 0xf59e0b })));
        }
        for (const s of above.filter((s) => s.label)) {
            const dot = new THREE.Mesh(new THREE.SphereBufferGeometry(1.2, 10, 8),
                new THREE.MeshBasicMaterial({ color: 0xd97706 }));
            dot.position.copy(point(s));
            const label = textSprite(s.label, { size: 4, color: "#b45309" });
            label.position.copy(point(s)).add(new THREE.Vector3(0, 4, 0));
            this.pathGroup.add(dot, label);
        }
        this.requestRender();
    }

    /** Highlights one flat's windows (building b, floor) in 3D, with its calculation points. */
    setHighlight(b, unitId, floor) {
        while (this.overlay.children.length) {
            const o = this.overlay.children[0];
            this.overlay.remove(o);
            o.geometry?.dispose();
        }
        if (!b) return this.requestRender();
        const unit = (b.units ?? []).find((u) => u.id === unitId);
        if (!unit) return this.requestRender();
        const entries = unit.windows.map((w) => ({ window: w, floor }));
        const glow = new THREE.Mesh(windowsGeometry(b, entries),
            new THREE.MeshBasicMaterial({ color: 0xf97316, side: THREE.DoubleSide }));
        glow.userData.kind = "highlight";
        this.overlay.add(glow);
        const { base } = verticalExtent(b);
        for (const w of unit.windows) {
            const plan = windowPlan(b, w);
            if (!plan) continue;
            const z = base + (floor - 1) * (b.floorHeight ?? 3) + (w.sill ?? DEFAULT_SILL);
            const marker = new THREE.Mesh(new THREE.SphereBufferGeometry(0.45, 12, 8),
                new THREE.MeshBasicMaterial({ color: 0xdc2626 }));
            marker.position.copy(toThree(plan.centre[0] + plan.outward[0] * 0.3, plan.centre[1] + plan.outward[1] * 0.3, z));
            this.overlay.add(marker);
            const ring = new THREE.Mesh(new THREE.RingBufferGeometry(w.width * 0.6 + 0.6, w.width * 0.6 + 1.1, 32),
                new THREE.MeshBasicMaterial({ color: 0xf97316, side: THREE.DoubleSide }));
            ring.position.copy(toThree(plan.centre[0] + plan.outward[0] * 0.1, plan.centre[1] + plan.outward[1] * 0.1, z + 0.6));
            ring.lookAt(ring.position.clone().add(toThree(plan.outward[0], plan.outward[1], 0)));
            this.overlay.add(ring);
        }
        this.requestRender();
    }

    /** Editing handles around a selected box building (width, depth, rotation, height). */
    setHandles(b, index) {
        while (this.handles.children.length) this.handles.remove(this.handles.children[0]);
        if (!b || !b.box) return this.requestRender();
        const { x, y, width, depth } = b.box;
        const r = ((b.box.rotation ?? 0) * Math.PI) / 180;
        const local = (u, v) => [x + u * Math.cos(r) - v * Math.sin(r), y + u * Math.sin(r) + v * Math.cos(r)];
        const { top } = verticalExtent(b);
        const make = (kind, [px, py], z, color, geometry) => {
            const m = new THREE.Mesh(geometry, new THREE.MeshBasicMaterial({ color, depthTest: false, transparent: true }));
            m.renderOrder = 10;
            m.position.copy(toThree(px, py, z));
            m.userData = { kind: "handle", handle: kind, buildingIndex: index };
            this.handles.add(m);
        };
        const cube = () => new THREE.BoxBufferGeometry(2.2, 2.2, 2.2);
        make("width", local(width / 2 + HANDLE_GAP, 0), 1.2, 0x2563eb, cube());
        make("width", local(-width / 2 - HANDLE_GAP, 0), 1.2, 0x2563eb, cube());
        make("depth", local(0, depth / 2 + HANDLE_GAP), 1.2, 0x16a34a, cube());
        make("depth", local(0, -depth / 2 - HANDLE_GAP), 1.2, 0x16a34a, cube());
        make("rotate", local(width / 2 + HANDLE_GAP, depth / 2 + HANDLE_GAP), 1.2, 0x9333ea,
            new THREE.SphereBufferGeometry(1.5, 16, 12));
        make("height", local(0, 0), top + 2.5, 0xea580c, new THREE.ConeBufferGeometry(1.6, 3.2, 16));
        this.requestRender();
    }

    /**
     * Whether the light as drawn reaches a document point: the sun is up and the ray toward it
     * meets no building prism. The shadow map rasterises exactly this test, so comparing it
     * with the engine's sunlit intervals checks the view's sun and geometry (browser test).
     */
    isLit(x, y, z) {
        if (!this.sunUp) return false;
        const d = this.sunDirection;
        this.scene.updateMatrixWorld();
        const ray = new THREE.Raycaster(toThree(x, y, z), toThree(d.x, d.y, d.z).normalize(), 0.001, 5000);
        return !ray.intersectObjects(this.buildings.children, true).some((h) => h.object.userData.kind === "building");
    }

    /** Objects under a canvas point (client coordinates), nearest first, among `objects`. */
    pick(clientX, clientY, objects) {
        // Meshes made since the last frame (handles rebuilt by an undo, say) have no world
        // matrix until the renderer's next frame; a click inside that frame must still find them.
        this.scene.updateMatrixWorld();
        const rect = this.renderer.domElement.getBoundingClientRect();
        const ndc = new THREE.Vector2(((clientX - rect.left) / rect.width) * 2 - 1,
            -((clientY - rect.top) / rect.height) * 2 + 1);
        const ray = new THREE.Raycaster();
        ray.setFromCamera(ndc, this.camera);
        return { hits: ray.intersectObjects(objects, true), ray: ray.ray };
    }

    /**
     * Where a canvas point's ray meets the horizontal plane `height` metres above the ground,
     * as document [x, y] (null when the ray runs away from it).
     */
    groundPoint(clientX, clientY, height = 0) {
        const { ray } = this.pick(clientX, clientY, []);
        const p = new THREE.Vector3();
        const hit = ray.intersectPlane(new THREE.Plane(new THREE.Vector3(0, 1, 0), -height), p);
        return hit ? [p.x, -p.z] : null;
    }

    /** Height (metres) where a canvas point's ray meets the vertical plane through document (x, y) facing the camera. */
    heightAt(clientX, clientY, [x, y]) {
        const { ray } = this.pick(clientX, clientY, []);
        const origin = toThree(x, y, 0);
        const normal = this.camera.position.clone().sub(origin);
        normal.y = 0;
        if (normal.lengthSq() < 1e-9) return null;
        normal.normalize();
        const plane = new THREE.Plane().setFromNormalAndCoplanarPoint(normal, origin);
        const p = new THREE.Vector3();
        return ray.intersectPlane(plane, p) ? p.y : null;
    }

    /**
     * Turns the camera to look at a flat's first window from outside (in front of its facade,
     * a little above it), so the highlighted window is in view even behind other buildings.
     */
    focusWindow(b, unitId, floor) {
        const unit = (b?.units ?? []).find((u) => u.id === unitId);
        const plan = unit?.windows.length ? windowPlan(b, unit.windows[0]) : null;
        if (!plan) return;
        const z = verticalExtent(b).base + (floor - 0.5) * (b.floorHeight ?? 3);
        const target = toThree(plan.centre[0], plan.centre[1], z);
        // Out in front of the facade, a little to the side and above; pulled in when another
        // building stands in the way, so the camera never ends up inside it.
        const direction = toThree(plan.outward[0] * 48 + plan.along[0] * 6, plan.outward[1] * 48 + plan.along[1] * 6, 16);
        let distance = direction.length();
        direction.normalize();
        const from = target.clone().add(toThree(plan.outward[0] * 0.5, plan.outward[1] * 0.5, 0));
        const blocker = new THREE.Raycaster(from, direction, 0, distance).intersectObjects(this.buildings.children, true)
            .find((h) => h.object.userData.kind === "building");
        if (blocker) distance = Math.max(6, blocker.distance - 2);
        this.controls.target.copy(target);
        this.camera.position.copy(from).add(direction.multiplyScalar(distance));
        this.controls.update();
        this.requestRender();
    }

    /**
     * Frames the camera so that every building can be picked: among views from the south-east
     * round to overhead (south facades first, where the windows usually are), the first in which
     * each building's roof shows somewhere under the pointer, else the one showing the most.
     * A tall tower in front no longer hides the low building behind it.
     */
    frame() {
        this.resize();
        const { centre, top } = this.bounds;
        const target = toThree(centre[0], centre[1], Math.min(top, 30) / 3);
        let best = null;
        for (const [azimuth, elevation] of FRAMING_VIEWS) {
            this.placeCamera(target, azimuth, elevation);
            const pickable = this.roofPoints.filter((_, i) => this.pickPoint(i, false) !== null).length;
            if (!best || pickable > best.pickable) best = { azimuth, elevation, pickable };
            if (pickable === this.roofPoints.length) break;
        }
        if (best) this.placeCamera(target, best.azimuth, best.elevation);
        this.requestRender();
    }

    /** Puts the camera at `azimuth`/`elevation` (degrees; from north, clockwise) from `target`, every building in frame. */
    placeCamera(target, azimuth, elevation) {
        const a = (azimuth * Math.PI) / 180;
        const e = (elevation * Math.PI) / 180;
        const direction = toThree(Math.sin(a) * Math.cos(e), Math.cos(a) * Math.cos(e), Math.sin(e));
        this.controls.target.copy(target);
        let d = Math.max(this.bounds.radius, this.bounds.top) * 2.3 + 40;
        // Pull in or back until the farthest corner sits at 88 % of the frame's half-width/height.
        for (let k = 0; k < 4; k++) {
            this.camera.position.copy(target).add(direction.clone().multiplyScalar(d));
            this.controls.update();
            this.camera.updateMatrixWorld();
            let extent = 0.05;
            for (const [x, y, z] of this.corners) {
                const p = toThree(x, y, z).project(this.camera);
                if (p.z < 1) extent = Math.max(extent, Math.abs(p.x), Math.abs(p.y));
            }
            d *= Math.min(3, Math.max(0.5, extent / 0.88));
        }
        this.camera.position.copy(target).add(direction.clone().multiplyScalar(d));
        this.controls.update();
        this.camera.updateMatrixWorld();
    }

    /**
     * A client point where a tap picks building `index` (its roof, seen from the camera), or
     * null. With `visibleOnly`, the point must also be the canvas's, not under the notice.
     */
    pickPoint(index, visibleOnly = true) {
        const rect = this.renderer.domElement.getBoundingClientRect();
        for (const [x, y, z] of this.roofPoints[index] ?? []) {
            const p = toThree(x, y, z).project(this.camera);
            if (Math.abs(p.x) > 0.95 || Math.abs(p.y) > 0.95 || p.z > 1) continue;
            const cx = rect.left + ((p.x + 1) / 2) * rect.width;
            const cy = rect.top + ((1 - p.y) / 2) * rect.height;
            const hit = this.pick(cx, cy, this.buildings.children).hits
                .find((h) => h.object.userData.kind === "building" || h.object.userData.kind === "window");
            if (hit?.object.userData.buildingIndex !== index) continue;
            if (visibleOnly && document.elementFromPoint(cx, cy) !== this.renderer.domElement) continue;
            return [cx, cy];
        }
        return null;
    }
}

/** Views frame() tries, in order: [azimuth of the camera from the scene, elevation], degrees. */
const FRAMING_VIEWS = [[150, 35], [150, 50], [210, 50], [180, 55], [150, 65], [210, 65], [120, 60], [240, 60],
    [180, 72], [90, 65], [270, 65], [180, 85]];
