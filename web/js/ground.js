// The ground: a shadow-receiving plane, a metre grid with labelled marks, and a north arrow.
// Scene frame → three.js: document (x east, y north, z up) maps to three (x, z, −y), a proper
// rotation, so windings and handedness carry over.
import * as THREE from "three";

/** three.js position of a document point (x east, y north, z up). */
export function toThree(x, y, z = 0) {
    return new THREE.Vector3(x, z, -y);
}

/** A camera-facing text label, `size` metres tall. */
export function textSprite(text, { size = 3, color = "#334155", background = null, bold = false } = {}) {
    const canvas = document.createElement("canvas");
    const ctx = canvas.getContext("2d");
    const px = 64;
    const font = `${bold ? "700" : "500"} ${px}px "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", system-ui, sans-serif`;
    ctx.font = font;
    const w = Math.ceil(ctx.measureText(text).width) + 24;
    canvas.width = w;
    canvas.height = px + 24;
    ctx.font = font;
    if (background) {
        ctx.fillStyle = background;
        ctx.fillRect(0, 0, canvas.width, canvas.height);
    }
    ctx.fillStyle = color;
    ctx.textBaseline = "middle";
    ctx.textAlign = "center";
    ctx.fillText(text, canvas.width / 2, canvas.height / 2 + 2);
    const texture = new THREE.CanvasTexture(canvas);
    texture.minFilter = THREE.LinearFilter;
    const material = new THREE.SpriteMaterial({ map: texture, depthWrite: false, transparent: true });
    const sprite = new THREE.Sprite(material);
    sprite.scale.set((size * canvas.width) / canvas.height, size, 1);
    return sprite;
}

/**
 * Ground plane, grid (1 m fine lines near the origin, 10 m lines, 50 m labelled marks along
 * both axes) and a north arrow pointing to document +y (grid north; true north when the
 * site's northAngle is 0, otherwise turned by it).
 */
export class Ground {
    constructor(scene) {
        this.group = new THREE.Group();
        scene.add(this.group);
        const plane = new THREE.Mesh(new THREE.PlaneBufferGeometry(4000, 4000),
            new THREE.MeshLambertMaterial({ color: 0xf1f5f0 }));
        plane.rotation.x = -Math.PI / 2;
        plane.receiveShadow = true;
        plane.name = "ground";
        this.plane = plane;
        this.group.add(plane);

        const fine = new THREE.GridHelper(100, 100, 0xd5dbd3, 0xe2e7e0);
        fine.position.y = 0.01;
        const coarse = new THREE.GridHelper(600, 60, 0x8a9a8c, 0xbcc7bd);
        coarse.position.y = 0.02;
        for (const g of [fine, coarse]) {
            g.material.transparent = true;
            g.material.opacity = 0.8;
            this.group.add(g);
        }
        this.labels = new THREE.Group();
        this.group.add(this.labels);
        for (let m = -300; m <= 300; m += 50) {
            if (m === 0) continue;
            const ex = textSprite(`${m} m`, { size: 5, color: "#64748b" });
            ex.position.copy(toThree(m, -3, 0.5));
            const ny = textSprite(`${m} m`, { size: 5, color: "#64748b" });
            ny.position.copy(toThree(4, m, 0.5));
            this.labels.add(ex, ny);
        }
        this.north = new THREE.Group();
        this.group.add(this.north);
        this.setNorth("N", 0);
    }

    /** Draws the north arrow toward true north, turned by the site's northAngle. */
    setNorth(label, northAngleDegrees) {
        while (this.north.children.length) this.north.remove(this.north.children[0]);
        const shape = new THREE.Shape();
        shape.moveTo(0, 12);
        shape.lineTo(4, 0);
        shape.lineTo(0, 3);
        shape.lineTo(-4, 0);
        shape.closePath();
        const arrow = new THREE.Mesh(new THREE.ShapeBufferGeometry(shape),
            new THREE.MeshBasicMaterial({ color: 0xdc2626, side: THREE.DoubleSide }));
        arrow.rotation.x = -Math.PI / 2;
        const holder = new THREE.Group();
        holder.add(arrow);
        const text = textSprite(label, { size: 6, color: "#dc2626", bold: true });
        text.position.set(0, 3, -17);
        holder.add(text);
        holder.position.copy(toThree(-90, 90, 0.05));
        holder.rotation.y = (northAngleDegrees * Math.PI) / 180;
        this.north.add(holder);
    }
}
