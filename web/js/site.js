// The site panel: a preset city or latitude, longitude and IANA zone typed in. Each change is
// one undoable edit of the document's `site` (reason "site", so the sun controls reload terms).
import { language, t } from "./i18n.js";
import { isKnownZone } from "./timezone.js";
import { showNotice } from "./notice.js";
import { store } from "./store.js";

const $ = (id) => document.getElementById(id);

/** Shows the document's site (the city list, and the fields not being typed in). */
export function renderSite(model) {
    const s = model.document.site;
    const zh = language() === "zh";
    const { cities } = store.state;
    const select = $("city");
    select.replaceChildren();
    const match = cities.findIndex((c) => c.latitude === s.latitude && c.longitude === s.longitude && c.timeZone === s.timeZone);
    const custom = document.createElement("option");
    custom.value = "";
    custom.textContent = t("customSite");
    select.append(custom);
    cities.forEach((c, i) => {
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

/** Wires the site fields to `model`; a value out of range is refused with its JSON path. */
export function initSite(model) {
    const site = () => model.document.site;
    const editSite = (fn) => model.edit((doc) => fn(doc.site), "site");
    $("city").addEventListener("change", () => {
        const c = store.state.cities[Number($("city").value)];
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
}

/** Reads the preset cities (data/cities.json); without them the site is typed in. */
export async function loadCities(model) {
    try {
        const r = await fetch("data/cities.json");
        if (r.ok) store.set({ cities: (await r.json()).cities ?? [] });
    } catch {
        store.set({ cities: [] });
    }
    renderSite(model);
}
