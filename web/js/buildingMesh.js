// Three.js meshes for one building of the document: the prism the engine uses (outline ×
// [base, top]), floor lines, the units' windows on every floor, and which outline edge each
// wall triangle belongs to (so a click on a facade knows its face/edge).
import * as THREE from "three";
import { outline, verticalExtent, windowPlan } from "./model.js";
import { toThree } from "./ground.js";
import { DEFAULT_SILL } from "./dimensions.js";
/** Drawn glass height above the sill; the model has no window height, this is only a picture. */
const GLASS_HEIGHT = 1.5;

function signedArea(pts) {
    let a = 0;
    for (let i = 0; i < pts.length; i++) {
        const [x1, y1] = pts[i];
        const [x2, y2] = pts[(i + 1) % pts.length];
        a += x1 * y2 - x2 * y1;
    }
    return a / 2;
}

/**
 * Non-indexed prism geometry; `edgeOfTriangle[k]` is the outline edge of triangle k
 * (−1 for roof and underside). Walls wind counter-clockwise seen from outside.
 */
export function prismGeometry(pts, base, top) {
    const positions = [];
    const normals = [];
    const edgeOfTriangle = [];
    const push = (v, n) => {
        positions.push(v.x, v.y, v.z);
        normals.push(n.x, n.y, n.z);
    };
    const ccw = signedArea(pts) >= 0 ? pts : [...pts].reverse();
    for (let i = 0; i < ccw.length; i++) {
        const a = ccw[i];
        const b = ccw[(i + 1) % ccw.length];
        const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
        if (len < 1e-9) continue;
        const n = toThree((b[1] - a[1]) / len, -(b[0] - a[0]) / len, 0);
        const a0 = toThree(a[0], a[1], base);
        const b0 = toThree(b[0], b[1], base);
        const b1 = toThree(b[0], b[1], top);
        const a1 = toThree(a[0], a[1], top);
        for (const v of [a0, b0, b1, a0, b1, a1]) push(v, n);
        edgeOfTriangle.push(i, i);
    }
    const contour = ccw.map(([x, y]) => new THREE.Vector2(x, y));
    const triangles = THREE.ShapeUtils.triangulateShape(contour, []);
    const up = new THREE.Vector3(0, 1, 0);
    const down = new THREE.Vector3(0, -1, 0);
    for (const tri of triangles) {
        let [i, j, k] = tri;
        if (signedArea([ccw[i], ccw[j], ccw[k]]) < 0) [j, k] = [k, j];
        for (const m of [i, j, k]) push(toThree(ccw[m][0], ccw[m][1], top), up);
        edgeOfTriangle.push(-1);
        if (base > 0) {
            for (const m of [i, k, j]) push(toThree(ccw[m][0], ccw[m][1], base), down);
            edgeOfTriangle.push(-1);
        }
    }
    const g = new THREE.BufferGeometry();
    g.setAttribute("position", new THREE.Float32BufferAttribute(positions, 3));
    g.setAttribute("normal", new THREE.Float32BufferAttribute(normals, 3));
    g.userData.edgeOfTriangle = edgeOfTriangle;
    g.computeBoundingSphere();
    return g;
}

/** One quad (two triangles) facing `outward`, appended to `positions`. */
function quad(positions, centre, along, outward, halfWidth, z0, z1, lift = 0.03) {
    const cx = centre[0] + outward[0] * lift;
    const cy = centre[1] + outward[1] * lift;
    const l = toThree(cx - along[0] * halfWidth, cy - along[1] * halfWidth, 0);
    const r = toThree(cx + along[0] * halfWidth, cy + along[1] * halfWidth, 0);
    const v = [[l, z0], [r, z0], [r, z1], [l, z0], [r, z1], [l, z1]];
    for (const [p, z] of v) positions.push(p.x, z, p.z);
}

/** Glass quads for the given windows on the given floors, as one geometry. */
export function windowsGeometry(b, entries) {
    const positions = [];
    const { base } = verticalExtent(b);
    const fh = b.floorHeight ?? 3;
    for (const { window: w, floor } of entries) {
        const plan = windowPlan(b, w);
        if (!plan) continue;
        const sill = w.sill ?? DEFAULT_SILL;
        const z0 = base + (floor - 1) * fh + sill;
        const z1 = Math.min(z0 + GLASS_HEIGHT, base + floor * fh - 0.15);
        quad(positions, plan.centre, plan.along, plan.outward, w.width / 2, z0, Math.max(z1, z0 + 0.3));
    }
    const g = new THREE.BufferGeometry();
    g.setAttribute("position", new THREE.Float32BufferAttribute(positions, 3));
    g.computeVertexNormals();
    return g;
}

/** Every window of every unit on every floor. */
export function allWindowEntries(b) {
    const entries = [];
    const floors = b.floors ?? 0;
    for (const u of b.units ?? []) {
        for (const w of u.windows ?? []) {
            for (let f = 1; f <= floors; f++) entries.push({ window: w, floor: f });
        }
    }
    return entries;
}

const materials = {
    wall: new THREE.MeshLambertMaterial({ color: 0xe7e2d8 }),
    wallSelected: new THREE.MeshLambertMaterial({ color: 0xbfdbfe }),
    glass: new THREE.MeshBasicMaterial({ color: 0x475569, side: THREE.DoubleSide }),
    edges: new THREE.LineBasicMaterial({ color: 0x57534e }),
    edgesSelected: new THREE.LineBasicMaterial({ color: 0x1d4ed8 }),
    floorLines: new THREE.LineBasicMaterial({ color: 0xa8a29e, transparent: true, opacity: 0.7 }),
};

/** The group drawn for building `index` of the document. */
export function buildingGroup(b, index, selected) {
    const group = new THREE.Group();
    const pts = outline(b);
    const { base, top } = verticalExtent(b);
    if (pts.length < 3 || !(top > base)) return group;
    const geometry = prismGeometry(pts, base, top);
    const mesh = new THREE.Mesh(geometry, selected ? materials.wallSelected : materials.wall);
    mesh.castShadow = true;
    mesh.receiveShadow = true;
    mesh.userData = { buildingIndex: index, kind: "building" };
    group.add(mesh);
    const edges = new THREE.LineSegments(new THREE.EdgesGeometry(geometry, 30),
        selected ? materials.edgesSelected : materials.edges);
    group.add(edges);
    if (b.floors && b.floorHeight && b.floors > 1) {
        const lines = [];
        for (let f = 1; f < b.floors; f++) {
            const z = base + f * b.floorHeight;
            if (z >= top) break;
            for (let i = 0; i < pts.length; i++) {
                const p = toThree(pts[i][0], pts[i][1], z);
                const q = toThree(pts[(i + 1) % pts.length][0], pts[(i + 1) % pts.length][1], z);
                lines.push(p.x, p.y, p.z, q.x, q.y, q.z);
            }
        }
        const g = new THREE.BufferGeometry();
        g.setAttribute("position", new THREE.Float32BufferAttribute(lines, 3));
        group.add(new THREE.LineSegments(g, materials.floorLines));
    }
    const entries = allWindowEntries(b);
    if (entries.length) {
        const glass = new THREE.Mesh(windowsGeometry(b, entries), materials.glass);
        glass.userData = { buildingIndex: index, kind: "window" };
        group.add(glass);
    }
    return group;
}
