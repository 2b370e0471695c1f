// Save, share and the page's routes: `/` a new scene, `/#/s/{id}` a saved scene (share link).
// The edit token of a scene this browser created stays in localStorage; without it the page
// is a viewer and saving makes the viewer's own copy.
import * as api from "./api.js";
import { t } from "./i18n.js";
import { hideNotice, showError, showNotice } from "./notice.js";
import { store } from "./store.js";
import { tokens } from "./tokens.js";

const $ = (id) => document.getElementById(id);

/** Whether this browser holds the open scene's edit token. */
export function canEdit() {
    const { sceneId } = store.state;
    return !!(sceneId && tokens.get(sceneId));
}

function showShare(id) {
    $("share").hidden = !id;
    if (id) $("share-link").value = `${location.origin}${location.pathname}#/s/${id}`;
}

/**
 * Wires the save button, the share link and the hash routes.
 * @param page {model: SceneModel, view: View3D, refresh(reason)}
 * @returns {save() → Promise<bool>, route()}
 */
export function initPersistence({ model, view, refresh }) {
    /** Saves: PUT with the edit token and If-Match when this browser owns the scene, else POST. */
    async function save() {
        showNotice(t("saving"));
        const doc = model.snapshot();
        try {
            const { sceneId, revision } = store.state;
            if (canEdit()) {
                const updated = await api.updateScene(sceneId, doc, tokens.get(sceneId), revision);
                store.set({ revision: updated.revision });
            } else {
                const created = await api.createScene(doc);
                tokens.set(created.id, created.editToken);
                store.set({ sceneId: created.id, revision: created.revision, ignoreHash: `#/s/${created.id}` });
                history.replaceState(null, "", `#/s/${created.id}`);
            }
            model.dirty = false;
            showShare(store.state.sceneId);
            showNotice(t("saved", { revision: store.state.revision }));
            refresh("saved");
            return true;
        } catch (e) {
            if (e.status === 412) {
                let latest = "?";
                try {
                    latest = (await api.loadScene(store.state.sceneId)).revision;
                } catch {
                    /* the message below is still right without the number */
                }
                showNotice(t("conflict", { revision: latest }), "error", [
                    [t("reload"), () => openScene(store.state.sceneId)],
                    [t("saveCopy"), () => saveCopy()],
                ]);
            } else {
                showError(e);
            }
            return false;
        }
    }

    async function saveCopy() {
        store.set({ sceneId: null, revision: null });
        return save();
    }

    async function openScene(id) {
        try {
            const { document: doc, revision } = await api.loadScene(id);
            store.set({ sceneId: id, revision, selected: null, report: null });
            $("flat-result").replaceChildren();
            model.load(doc);
            view.ground.setNorth(t("northLabel"), doc.site?.northAngle ?? 0);
            view.frame();
            showShare(id);
            if (canEdit()) hideNotice();
            else showNotice(t("viewOnly"), "warn");
        } catch (e) {
            if (e.status === 404) showNotice(t("notFound"), "error");
            else showError(e);
        }
    }

    function route() {
        if (store.state.ignoreHash && location.hash === store.state.ignoreHash) {
            store.set({ ignoreHash: null });
            return;
        }
        const m = /^#\/s\/([^/?#]+)$/.exec(location.hash);
        if (m) openScene(decodeURIComponent(m[1]));
    }

    $("copy-link").addEventListener("click", async () => {
        $("share-link").select();
        try {
            await navigator.clipboard.writeText($("share-link").value);
            $("copy-link").textContent = t("copied");
        } catch {
            document.execCommand?.("copy");
        }
    });
    $("save").addEventListener("click", () => save());
    window.addEventListener("hashchange", route);
    return { save, route };
}
