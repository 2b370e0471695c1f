// The flat's 24-term table as the API returns it (FlatTableReport): one row per term with
// the day drawn as a bar — the effective band shaded, each sunlit interval a sun-coloured
// segment — totals, pass/fail and the buildings that end or start the shade.
import { language, t } from "./i18n.js";
import { secondsOfISO } from "./timezone.js";

const el = (tag, attrs = {}, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
        if (v === undefined || v === null) continue;
        if (k === "class") e.className = v;
        else if (k === "text") e.textContent = v;
        else e.setAttribute(k, v);
    }
    for (const c of children) if (c) e.append(c);
    return e;
};

/** `HH:MM` of an ISO civil time. */
export const hhmm = (iso) => (iso ? iso.slice(11, 16) : "—");

/** Minutes as the CLI prints them: one decimal. */
export const minutes1 = (m) => (Math.round(m * 10) / 10).toFixed(1);

/** The verdict word and class for a row. */
function verdict(row) {
    if (row.meetsStandard === true) return [t("pass"), "pass"];
    if (row.meetsStandard === false) return [t("fail"), "fail"];
    return [row.normative ? t("noRequirement") : t("info"), "info"];
}

/** Blockers of a row: ids that end or start a sunlit interval, shown with their names. */
function blockers(row, names) {
    const ids = new Set();
    for (const iv of row.intervals) {
        if (iv.blockedBeforeBy) ids.add(iv.blockedBeforeBy);
        if (iv.blockedAfterBy) ids.add(iv.blockedAfterBy);
    }
    return [...ids].map((id) => (names[id] && names[id] !== id ? `${id} ${names[id]}` : id));
}

/**
 * Renders `report` into `container`. `names` maps building ids to names for the blocker column.
 * Every figure shown is the API's own; data attributes carry the exact values for tests.
 */
export function renderFlatTable(container, report, names) {
    container.replaceChildren();
    const zh = language() === "zh";
    const f = report.flat;
    const flatLabel = t("flatLabel", {
        building: f.buildingName ? `${f.building} ${f.buildingName}` : f.building,
        floor: f.floor,
        unit: f.unitName ?? f.unit,
    });
    const p = report.parameters;
    container.append(el("p", {
        class: "table-caption", text: t("tableCaption", {
            flat: flatLabel, standard: p.title, year: p.year,
            clock: p.clock === "trueSolar" ? t("clockTrueSolar") : t("clockCivil"),
        }),
    }));

    // One scale for every row: whole hours around the year's earliest sunrise and latest sunset.
    let lo = 24 * 3600;
    let hi = 0;
    for (const r of report.rows) {
        const a = r.sunrise ? secondsOfISO(r.sunrise) : 0;
        const b = r.sunset ? secondsOfISO(r.sunset) : 24 * 3600;
        lo = Math.min(lo, a);
        hi = Math.max(hi, b);
        for (const iv of r.intervals) {
            lo = Math.min(lo, secondsOfISO(iv.start));
            hi = Math.max(hi, secondsOfISO(iv.end));
        }
    }
    lo = Math.max(0, Math.floor(lo / 3600) * 3600);
    hi = Math.min(24 * 3600, Math.ceil(hi / 3600) * 3600);
    if (hi <= lo) [lo, hi] = [0, 24 * 3600];
    const pct = (s) => `${(((s - lo) / (hi - lo)) * 100).toFixed(3)}%`;

    const table = el("table", { class: "flat-table", id: "flat-table" });
    const head = el("tr");
    for (const [key, cls] of [["term"], ["date"], ["intervals", "bars-head"], ["total", "num"], ["band", "num"],
        ["required", "num"], ["verdict"], ["blockers"]]) {
        head.append(el("th", { scope: "col", class: cls, text: t(key) }));
    }
    const scale = el("div", { class: "scale", "aria-hidden": "true" });
    for (let h = lo; h <= hi; h += 3 * 3600) {
        scale.append(el("span", { style: `left:${pct(h)}`, text: String(h / 3600) }));
    }
    head.children[2].append(scale);
    table.append(el("thead", {}, head));
    const body = el("tbody");
    for (const r of report.rows) {
        const [word, cls] = verdict(r);
        const tr = el("tr", {
            class: `row-${cls}`, "data-term": r.term, "data-date": r.date,
            "data-total-minutes": String(r.totalMinutes), "data-band-minutes": String(r.bandMinutes),
            "data-meets": r.meetsStandard === null ? "null" : String(r.meetsStandard),
        });
        tr.append(el("th", { scope: "row", class: "term", text: zh ? r.term : r.termEn, title: zh ? r.termEn : r.term }));
        tr.append(el("td", { class: "date", text: r.date.slice(5) }));
        const bar = el("div", { class: "bar", role: "img" });
        if (r.bandStart && r.bandEnd) {
            bar.append(el("span", {
                class: "band", style: `left:${pct(secondsOfISO(r.bandStart))};width:calc(${pct(secondsOfISO(r.bandEnd))} - ${pct(secondsOfISO(r.bandStart))})`,
            }));
        }
        const spans = [];
        for (const iv of r.intervals) {
            const a = secondsOfISO(iv.start);
            const b = secondsOfISO(iv.end);
            const label = `${hhmm(iv.start)}–${hhmm(iv.end)}`;
            spans.push(label + (iv.blockedAfterBy ? `▸${iv.blockedAfterBy}` : ""));
            bar.append(el("span", {
                class: "sunlit", style: `left:${pct(a)};width:calc(${pct(b)} - ${pct(a)})`,
                "data-start": iv.start, "data-end": iv.end,
                title: `${iv.start.slice(11, 19)}–${iv.end.slice(11, 19)} (${t("trueSolarTime")} ${iv.startTrueSolar}–${iv.endTrueSolar})`
                    + (iv.blockedAfterBy ? ` ▸ ${iv.blockedAfterBy}` : ""),
            }));
        }
        bar.setAttribute("aria-label", spans.length ? spans.join(", ") : "—");
        const cell = el("td", { class: "bars" }, bar, el("div", { class: "spans", text: spans.length ? spans.join(" ") : "—" }));
        tr.append(cell);
        tr.append(el("td", { class: "num total", text: minutes1(r.totalMinutes) }));
        tr.append(el("td", { class: "num bandmin", text: r.bandStart ? minutes1(r.bandMinutes) : "—" }));
        tr.append(el("td", { class: "num required", text: r.requiredMinutes === null ? "" : String(Math.round(r.requiredMinutes)) }));
        tr.append(el("td", { class: `verdict ${cls}`, text: word }));
        tr.append(el("td", { class: "blockers", text: blockers(r, names).join(", ") }));
        body.append(tr);
    }
    table.append(body);
    const wrap = el("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": flatLabel }, table);
    container.append(wrap);
    const legend = el("p", { class: "legend" },
        el("span", { class: "swatch sunlit" }), document.createTextNode(` ${t("legendSun")}  `),
        el("span", { class: "swatch band" }), document.createTextNode(` ${t("legendBand")}  · ${t("minutes")}`));
    container.append(legend);
}
