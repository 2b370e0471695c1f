// A flat's answer as the API returns it (FlatTableReport), for a phone first: the verdict and
// the standard days' hours in their band lead, in one card; below it the 24 terms as compact
// rows (term, date, hours, the day as a bar: the effective band shaded, each sunlit interval
// a sun-coloured segment). A row opens on tap to its details: the intervals to the second,
// on civil and true solar time, the buildings that end or start the shade, band minutes and
// the requirement. Every figure shown is the API's own; data attributes carry exact values.
import { language, t } from "./i18n.js";
import { namedLabel } from "./labels.js";
import { secondsOfISO } from "./timezone.js";

const el = (tag, attrs = {}, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
        if (v === undefined || v === null) continue;
        if (k === "class") e.className = v;
        else if (k === "text") e.textContent = v;
        else e.setAttribute(k, v);
    }
    for (const c of children) if (c) e.append(typeof c === "string" ? document.createTextNode(c) : c);
    return e;
};

/** `HH:MM` of an ISO civil time. */
export const hhmm = (iso) => (iso ? iso.slice(11, 16) : "—");

/** Minutes as the CLI prints them: one decimal. */
export const minutes1 = (m) => (Math.round(m * 10) / 10).toFixed(1);

/** Minutes as hours with one decimal (the rows and the card). */
export const hours1 = (m) => (Math.round((m / 60) * 10) / 10).toFixed(1);

/** The verdict word and class for a row. */
function verdict(row) {
    if (row.meetsStandard === true) return [t("pass"), "pass"];
    if (row.meetsStandard === false) return [t("fail"), "fail"];
    return [row.normative ? t("noRequirement") : t("info"), "info"];
}

/** The flat's verdict: fails when a standard day fails, passes when every standard day with a requirement passes. */
function overall(rows) {
    const judged = rows.filter((r) => r.meetsStandard !== null);
    if (!judged.length) return [t("noVerdict"), "info"];
    return judged.every((r) => r.meetsStandard) ? [t("verdictPass"), "pass"] : [t("verdictFail"), "fail"];
}

/** Blockers of a row: ids that end or start a sunlit interval, shown with their names. */
function blockers(row, names) {
    const ids = new Set();
    for (const iv of row.intervals) {
        if (iv.blockedBeforeBy) ids.add(iv.blockedBeforeBy);
        if (iv.blockedAfterBy) ids.add(iv.blockedAfterBy);
    }
    return [...ids].map((id) => names[id] ?? id);
}

/** The band of a row as `HH:MM–HH:MM` on the profile's clock (true solar time when the report gives it). */
function bandText(r, trueSolar) {
    if (trueSolar && r.bandStartTrueSolar && r.bandEndTrueSolar) {
        return `${r.bandStartTrueSolar.slice(0, 5)}–${r.bandEndTrueSolar.slice(0, 5)}`;
    }
    return r.bandStart ? `${hhmm(r.bandStart)}–${hhmm(r.bandEnd)}` : "—";
}

/** The card that leads: the flat, its verdict, and each standard day's hours in its band. */
function answerCard(report, flatLabel) {
    const zh = language() === "zh";
    const p = report.parameters;
    const trueSolar = p.clock === "trueSolar";
    const [word, cls] = overall(report.rows);
    const card = el("section", { class: `answer ${cls}`, id: "flat-answer", "data-verdict": cls },
        el("h3", { class: "answer-flat", text: flatLabel }),
        el("p", { class: "answer-verdict", text: word }));
    const days = el("ul", { class: "standard-days" });
    for (const r of report.rows.filter((x) => x.normative)) {
        const [w, c] = verdict(r);
        const required = r.requiredMinutes === null ? "" : ` ${t("requiredHours", { h: hours1(r.requiredMinutes) })}`;
        days.append(el("li", { class: `standard-day ${c}`, "data-term": r.term, "data-band-minutes": String(r.bandMinutes) },
            el("span", { class: "day-name", text: `${zh ? r.term : r.termEn} ${r.date}` }),
            el("span", { class: "day-hours", text: t("bandHours", { h: hours1(r.bandMinutes), band: bandText(r, trueSolar) }) }),
            el("span", { class: "day-required", text: required }),
            el("strong", { class: `verdict ${c}`, text: w })));
    }
    if (days.children.length) card.append(days);
    card.append(el("p", { class: "answer-standard", text: t("answerStandard", {
        standard: p.title, year: p.year, clock: trueSolar ? t("clockTrueSolar") : t("clockCivil"),
    }) }));
    return card;
}

/** The note above the rows: each day's band, as the standard states it (GB 50180: 大寒 8–16, 冬至 9–15). */
function bandsNote(report) {
    const zh = language() === "zh";
    const trueSolar = report.parameters.clock === "trueSolar";
    const normative = report.rows.filter((r) => r.normative && r.bandStart);
    const other = report.rows.find((r) => !r.normative && r.bandStart);
    const parts = normative.map((r) => `${zh ? r.term : r.termEn} ${bandText(r, trueSolar)}`);
    if (other) parts.push(t("otherTermsBand", { band: bandText(other, trueSolar) }));
    if (!parts.length) return null;
    return el("p", { class: "bands-note", id: "bands-note" },
        t("bandsNote", { clock: trueSolar ? t("clockTrueSolar") : t("clockCivil"), bands: parts.join(zh ? "，" : ", ") }));
}

/**
 * Renders `report` into `container`. `names` maps building ids to their labels for the blockers.
 */
export function renderFlatTable(container, report, names) {
    container.replaceChildren();
    const zh = language() === "zh";
    const f = report.flat;
    const flatLabel = t("flatLabel", {
        building: namedLabel(f.building, f.buildingName), floor: f.floor, unit: f.unitName ?? f.unit,
    });
    container.append(answerCard(report, flatLabel));
    const note = bandsNote(report);
    if (note) container.append(note);

    // One scale for every row: whole hours around the year's earliest sunrise and latest sunset.
    let lo = 24 * 3600;
    let hi = 0;
    for (const r of report.rows) {
        lo = Math.min(lo, r.sunrise ? secondsOfISO(r.sunrise) : 0);
        hi = Math.max(hi, r.sunset ? secondsOfISO(r.sunset) : 24 * 3600);
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
    const scale = el("div", { class: "scale", "aria-hidden": "true" });
    for (let h = lo; h <= hi; h += 3 * 3600) scale.append(el("span", { style: `left:${pct(h)}`, text: String(h / 3600) }));
    const head = el("tr", {},
        el("th", { scope: "col", class: "term", text: t("term") }),
        el("th", { scope: "col", class: "num hours", text: t("hoursHead") }),
        el("th", { scope: "col", class: "bars-head" }, el("span", { class: "visually-hidden", text: t("intervals") }), scale));
    table.append(el("thead", {}, head));
    const body = el("tbody");
    for (const r of report.rows) {
        const [word, cls] = verdict(r);
        const tr = el("tr", {
            class: `term-row row-${cls}`, "data-term": r.term, "data-date": r.date,
            "data-total-minutes": String(r.totalMinutes), "data-band-minutes": String(r.bandMinutes),
            "data-meets": r.meetsStandard === null ? "null" : String(r.meetsStandard),
            "aria-expanded": "false", tabindex: "0",
        });
        const mark = r.meetsStandard === true ? "✓" : r.meetsStandard === false ? "✗" : "";
        tr.append(el("th", { scope: "row", class: "term-cell" },
            el("span", { class: "term", text: zh ? r.term : r.termEn, title: zh ? r.termEn : r.term }),
            el("span", { class: "date", text: r.date })));
        tr.append(el("td", { class: "num total", "data-minutes": minutes1(r.totalMinutes) },
            hours1(r.totalMinutes), mark ? el("span", { class: `mark ${cls}`, "aria-label": word, text: mark }) : null));
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
            spans.push(`${hhmm(iv.start)}–${hhmm(iv.end)}`);
            bar.append(el("span", {
                class: "sunlit", style: `left:${pct(a)};width:calc(${pct(b)} - ${pct(a)})`,
                "data-start": iv.start, "data-end": iv.end,
            }));
        }
        bar.setAttribute("aria-label", spans.length ? spans.join(", ") : "—");
        tr.append(el("td", { class: "bars" }, bar));
        body.append(tr);

        // The details, opened by tapping the row.
        const items = el("ul", { class: "intervals" });
        for (const iv of r.intervals) {
            const by = [iv.blockedBeforeBy && t("shadeBefore", { b: names[iv.blockedBeforeBy] ?? iv.blockedBeforeBy }),
                iv.blockedAfterBy && t("shadeAfter", { b: names[iv.blockedAfterBy] ?? iv.blockedAfterBy })].filter(Boolean);
            items.append(el("li", {},
                `${iv.start.slice(11, 19)}–${iv.end.slice(11, 19)} (${t("trueSolarTime")} ${iv.startTrueSolar}–${iv.endTrueSolar})`
                + (by.length ? ` · ${by.join(", ")}` : "")));
        }
        if (!r.intervals.length) items.append(el("li", { text: t("noSun") }));
        const facts = el("p", { class: "facts" },
            t("detailDay", { m: minutes1(r.totalMinutes) }),
            r.bandStart ? ` · ${t("detailBand", { band: bandText(r, report.parameters.clock === "trueSolar"), m: minutes1(r.bandMinutes) })}` : "",
            r.requiredMinutes === null ? "" : ` · ${t("detailRequired", { m: String(Math.round(r.requiredMinutes)) })}`,
            " · ", el("span", { class: `verdict ${cls}`, text: word }));
        const who = blockers(r, names);
        const details = el("tr", { class: "term-details", hidden: "" },
            el("td", { colspan: "3" }, items, facts,
                el("p", { class: "blockers", text: who.length ? `${t("blockers")}: ${who.join(", ")}` : "" })));
        body.append(details);
        const toggle = () => {
            const open = details.hidden;
            details.hidden = !open;
            tr.setAttribute("aria-expanded", String(open));
        };
        tr.addEventListener("click", toggle);
        tr.addEventListener("keydown", (e) => {
            if (e.key === "Enter" || e.key === " ") {
                e.preventDefault();
                toggle();
            }
        });
    }
    table.append(body);
    container.append(el("div", { class: "table-wrap", role: "region", "aria-label": flatLabel }, table));
    container.append(el("p", { class: "legend" },
        el("span", { class: "swatch sunlit" }), ` ${t("legendSun")}  `,
        el("span", { class: "swatch band" }), ` ${t("legendBand")} · ${t("tapForDetails")}`));
}
