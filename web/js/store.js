// The page's one store: which scene is open and what is picked in it. The state is a frozen
// object; `set` replaces it with a patched copy and tells the subscribers which keys changed,
// so no module writes into another's variables.

let current = Object.freeze({
    /** Index of the selected building, or null. */
    selected: null,
    /** Unit index whose next facade click places a window, or null. */
    placingUnit: null,
    /** The open saved scene and the revision this page last saw of it. */
    sceneId: null,
    revision: null,
    /** A hash the page set itself (after a first save), not a navigation to follow. */
    ignoreHash: null,
    /** The flat picked in the flat picker, the one highlighted in 3D, and its last table. */
    flat: null,
    highlighted: null,
    report: null,
    /** An answer was just computed and is being read: the editing handles stay hidden. */
    answering: false,
    /** Preset sites of data/cities.json. */
    cities: [],
});

const listeners = new Set();

export const store = {
    get state() {
        return current;
    },

    /** Applies `patch`; subscribers get the new state and the changed keys. */
    set(patch) {
        const changed = Object.keys(patch).filter((k) => current[k] !== patch[k]);
        if (!changed.length) return;
        current = Object.freeze({ ...current, ...patch });
        for (const fn of listeners) fn(current, changed);
    },

    subscribe(fn) {
        listeners.add(fn);
    },
};
