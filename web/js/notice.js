// The notice line under the toolbar: progress, warnings and errors (with the API's JSON path),
// optionally with buttons (a save conflict offers Reload and Save a copy).
import { t } from "./i18n.js";

const box = () => document.getElementById("notice");

export function showNotice(text, kind = "ok", actions = []) {
    const el = box();
    el.className = `notice ${kind === "ok" ? "" : kind}`;
    el.replaceChildren(document.createTextNode(text));
    for (const [label, fn] of actions) {
        const b = document.createElement("button");
        b.type = "button";
        b.textContent = label;
        b.addEventListener("click", fn);
        el.append(b);
    }
    el.hidden = false;
}

export function hideNotice() {
    box().hidden = true;
}

export function showError(e) {
    if (e?.status === 0) return showNotice(`${t("errorPrefix")}${t("networkError")}`, "error");
    showNotice(`${t("errorPrefix")}${e?.message ?? e}`, "error");
}
