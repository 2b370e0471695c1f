// Edit tokens of scenes this browser saved, kept in localStorage (never sent anywhere but
// the Authorization header of that scene's own PUT/DELETE).
const KEY = "sunspot.editTokens";

function read() {
    try {
        return JSON.parse(localStorage.getItem(KEY) ?? "{}") ?? {};
    } catch {
        return {};
    }
}

export const tokens = {
    get(id) {
        return read()[id] ?? null;
    },
    set(id, token) {
        const all = read();
        all[id] = token;
        localStorage.setItem(KEY, JSON.stringify(all));
    },
};
