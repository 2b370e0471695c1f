// Date, the 24 term buttons (default 冬至), the time slider (civil and true solar time) and
// "play the day". While the slider moves or the day plays, the light follows the small JS
// algorithm in solar.js; when it settles, GET /v1/sun gives the engine's own position, which
// sets the light and the numbers shown.
import * as api from "./api.js";
import { language, t } from "./i18n.js";
import { clock, sunPosition } from "./solar.js";
import { civilParts, civilToUTC, isoUTC } from "./timezone.js";

const SETTLE_MS = 180;
const PLAY_MINUTES_PER_SECOND = 45;

/** Whether `s` is a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(s) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return false;
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export class SunControls {
    /**
     * @param view View3D
     * @param getSite () => {latitude, longitude, timeZone, northAngle}
     * @param getRefraction () => bool (the selected rule profile's refraction setting)
     * @param onError (ApiError) => void
     */
    constructor(view, getSite, getRefraction, onError) {
        this.view = view;
        this.getSite = getSite;
        this.getRefraction = getRefraction;
        this.onError = onError;
        this.dateInput = document.getElementById("date");
        this.slider = document.getElementById("time");
        this.playButton = document.getElementById("play");
        this.termsBox = document.getElementById("terms");
        this.readout = document.getElementById("sun-readout");
        this.terms = [];
        this.termsKey = "";
        this.apiSun = null;
        this.settleTimer = null;
        this.playing = false;
        this.requestSeq = 0;

        const site = getSite();
        const today = civilParts(Date.now(), site.timeZone).date;
        this.date = `${today.slice(0, 4)}-12-21`;
        this.minutes = 12 * 60;
        this.dateInput.value = this.date;
        this.slider.value = String(this.minutes);

        // The date is typed and shown as people write it, 2026-12-22, whatever the browser's
        // locale (a native date field shows 12/22/2026 in an English browser).
        this.dateInput.addEventListener("change", () => {
            const typed = this.dateInput.value.trim();
            if (!isCalendarDate(typed)) {
                this.dateInput.setAttribute("aria-invalid", "true");
                this.dateInput.value = this.date;
                return;
            }
            this.dateInput.removeAttribute("aria-invalid");
            this.setDate(typed);
        });
        this.slider.addEventListener("input", () => {
            this.minutes = Number(this.slider.value);
            this.update(true);
        });
        this.playButton.addEventListener("click", () => (this.playing ? this.stop() : this.play()));
    }

    /** The year shown, for the flat table. */
    get year() {
        return Number(this.date.slice(0, 4));
    }

    /** Loads the year's terms for the site's zone; picks 冬至 when `pickSolstice`. */
    async loadTerms(pickSolstice) {
        const site = this.getSite();
        const key = `${this.year}|${site.timeZone}`;
        if (key !== this.termsKey) {
            try {
                const json = await api.terms(this.year, site.timeZone);
                this.terms = Array.isArray(json) ? json : json.terms ?? [];
                this.termsKey = key;
            } catch (e) {
                this.onError(e);
                return;
            }
        }
        if (pickSolstice) {
            const solstice = this.terms.find((x) => x.longitude === 270);
            if (solstice) this.date = solstice.date;
            this.dateInput.value = this.date;
        }
        this.renderTerms();
        this.update(false);
    }

    renderTerms() {
        const zh = language() === "zh";
        this.termsBox.setAttribute("aria-label", t("terms"));
        this.termsBox.replaceChildren();
        for (const term of this.terms) {
            const b = document.createElement("button");
            b.type = "button";
            b.textContent = zh ? term.name : term.nameEn;
            b.title = `${zh ? term.nameEn : term.name} · ${term.date}`;
            b.dataset.date = term.date;
            b.dataset.longitude = String(term.longitude);
            b.setAttribute("aria-pressed", String(term.date === this.date));
            b.addEventListener("click", () => this.setDate(term.date));
            this.termsBox.append(b);
        }
    }

    setDate(date) {
        const yearChanged = date.slice(0, 4) !== this.date.slice(0, 4);
        this.date = date;
        this.dateInput.value = date;
        if (yearChanged) this.loadTerms(false);
        else {
            for (const b of this.termsBox.children) b.setAttribute("aria-pressed", String(b.dataset.date === date));
            this.update(false);
        }
        this.onDateChange?.(date);
    }

    /** The UTC instant of the slider's civil time on the chosen date. */
    instant(minutes = this.minutes) {
        return civilToUTC(this.date, minutes * 60, this.getSite().timeZone);
    }

    /** Redraws the path; moves the light (JS now, API after the slider settles unless `quick`). */
    update(fromSlider) {
        const site = this.getSite();
        const refraction = this.getRefraction();
        if (!fromSlider) {
            const samples = [];
            for (let m = 0; m <= 1440; m += 10) {
                const p = sunPosition(this.instant(m), site.latitude, site.longitude, refraction);
                samples.push({ ...p, label: m % 60 === 0 && m < 1440 ? String(m / 60) : null });
            }
            this.view.setSunPath(samples, site.northAngle ?? 0);
        }
        const ms = this.instant();
        const p = sunPosition(ms, site.latitude, site.longitude, refraction);
        this.view.setSun(p.azimuth, p.elevation, site.northAngle ?? 0);
        this.showTimes(ms, p.trueSolarSeconds, null);
        this.apiSun = null;
        clearTimeout(this.settleTimer);
        if (!this.playing) this.settleTimer = setTimeout(() => this.settle(), SETTLE_MS);
    }

    /** Asks the engine for the sun at the slider's instant and uses it for the light. */
    async settle() {
        const site = this.getSite();
        const ms = this.instant();
        const seq = ++this.requestSeq;
        try {
            const s = await api.sun(site.latitude, site.longitude, isoUTC(ms), site.timeZone);
            if (seq !== this.requestSeq) return;
            this.apiSun = s;
            const elevation = this.getRefraction() ? s.apparentElevation : s.elevation;
            this.view.setSun(s.azimuth, elevation, site.northAngle ?? 0);
            this.showTimes(ms, null, s);
        } catch (e) {
            if (seq === this.requestSeq) this.onError(e);
        }
    }

    showTimes(ms, tstSeconds, s) {
        const site = this.getSite();
        const civil = clock(this.minutes * 60);
        const tst = s ? s.trueSolarTime.slice(0, 5) : clock(tstSeconds);
        document.getElementById("time-civil").textContent = `${civil} ${t("civilTime")}`;
        document.getElementById("time-tst").textContent = `${t("trueSolarTime")} ${tst}`;
        this.slider.setAttribute("aria-valuetext", `${civil} ${t("civilTime")}, ${t("trueSolarTime")} ${tst}`);
        const p = s ?? sunPosition(ms, site.latitude, site.longitude, this.getRefraction());
        const elevation = s ? (this.getRefraction() ? s.apparentElevation : s.elevation) : p.elevation;
        let text = `${this.date} ${civil} · ${t("trueSolarTime")} ${tst} · `;
        text += elevation > 0
            ? `${t("azimuth")} ${p.azimuth.toFixed(1)}° ${t("elevation")} ${elevation.toFixed(1)}°`
            : t("sunDown");
        if (s?.sunrise && s?.sunset) text += ` · ${t("sunrise")} ${s.sunrise.slice(11, 16)} ${t("sunset")} ${s.sunset.slice(11, 16)}`;
        this.readout.textContent = text;
        this.readout.dataset.source = s ? "api" : "js";
    }

    /** Plays the day from sunrise (or the slider) to sunset, then settles on the API sun. */
    play() {
        const site = this.getSite();
        const refraction = this.getRefraction();
        let start = this.minutes;
        let end = 1440;
        const up = (m) => sunPosition(this.instant(m), site.latitude, site.longitude, refraction).elevation > 0;
        let first = null;
        let last = null;
        for (let m = 0; m < 1440; m += 5) {
            if (up(m)) {
                first ??= m;
                last = m;
            }
        }
        if (first !== null) {
            end = Math.min(1439, last + 5);
            if (start < first || start >= last) start = Math.max(0, first - 5);
        }
        this.playing = true;
        this.playButton.textContent = t("pause");
        this.playButton.setAttribute("aria-pressed", "true");
        let previous = performance.now();
        let position = start;
        const step = (now) => {
            if (!this.playing) return;
            position += ((now - previous) / 1000) * PLAY_MINUTES_PER_SECOND;
            previous = now;
            if (position >= end) position = end;
            this.minutes = Math.round(position);
            this.slider.value = String(this.minutes);
            this.update(true);
            if (position >= end) this.stop();
            else requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
    }

    stop() {
        this.playing = false;
        this.playButton.textContent = t("play");
        this.playButton.setAttribute("aria-pressed", "false");
        this.update(true);
    }

    relabel() {
        this.renderTerms();
        this.playButton.textContent = this.playing ? t("pause") : t("play");
        this.update(true);
    }
}
