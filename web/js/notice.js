// The notice over the top of the 3D view: progress, warnings and errors (with the API's JSON
// path), optionally with buttons (a save conflict offers Reload and Save a copy). It sits
// inside the view, never over a control, and every notice has a close button: the view-only
// note of a share link is read once and dismissed.
import { t } from "./i18n.js";

const box = () => document.getElementById("notice");

export function showNotice(text, kind = "ok", actions = []) {
    const el = box();
    el.className = `notice ${kind === "ok" ? "" : kind}`;
    const message = document.createElement("span");
    message.className = "notice-text";
    message.textContent = text;
    el.replaceChildren(message);
    for (const [label, fn] of actions) {
        const b = document.createElement("button");
        b.type = "button";
        b.textContent = label;
        b.addEventListener("click", fn);
        el.append(b);
    }
    const close = document.createElement("button");
    close.type = "button";
    close.id = "notice-close";
    close.className = "notice-close";
    close.textContent = "×";
    close.title = t("close");
    close.setAttribute("aria-label", t("close"));
    close.addEventListener("click", hideNotice);
    el.append(close);
    el.hidden = false;
}

export function hideNotice() {
    box().hidden = true;
}

export function showError(e) {
    if (e?.status === 0) return showNotice(`${t("errorPrefix")}${t("networkError")}`, "error");
    showNotice(`${t("errorPrefix")}${e?.message ?? e}`, "error");
}
