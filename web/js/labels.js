// How buildings and units are named to people: "3号楼", not "3 3号楼". The id is added only
// when the name does not already say it ("T1 new office tower", "u3 书房").

/** A label for id + optional name: the name alone when it contains the id. */
export function namedLabel(id, name) {
    if (!name) return String(id);
    return name.includes(String(id)) ? name : `${id} ${name}`;
}

/** A building's label (the building list, the flat picker, blockers). */
export const buildingLabel = (b) => namedLabel(b.id, b.name);

/** A unit's label (its name is usually enough: "东户"; the id is shown when there is no name). */
export const unitLabel = (u) => u.name ?? u.id;
