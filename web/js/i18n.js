// Chinese and English UI text. The page follows the browser's language until the viewer picks
// one with the switch; the choice is remembered in localStorage.

const strings = {
    appTitle: ["SunSpot 日照", "SunSpot"],
    tagline: ["我家窗户什么时候晒得到太阳？", "When does the sun reach my window?"],
    sceneName: ["场景名称", "Scene name"],
    addBuilding: ["＋ 楼", "+ Building"],
    addBuildingTitle: ["添加一栋楼（方盒）", "Add a box building"],
    undo: ["撤销", "Undo"],
    redo: ["重做", "Redo"],
    delete: ["删除", "Delete"],
    deleteTitle: ["删除所选的楼（Delete 键）", "Delete the selected building (Delete key)"],
    save: ["保存", "Save"],
    saveCopy: ["另存为副本", "Save a copy"],
    language: ["English", "中文"],
    languageTitle: ["Switch to English", "切换到中文"],
    shareLink: ["分享链接", "Share link"],
    copy: ["复制", "Copy"],
    copied: ["已复制", "Copied"],
    site: ["地点", "Site"],
    city: ["城市", "City"],
    customSite: ["自定义经纬度", "Custom latitude/longitude"],
    latitude: ["纬度 °", "Latitude °"],
    longitude: ["经度 °", "Longitude °"],
    timeZone: ["时区", "Time zone"],
    sun: ["太阳", "Sun"],
    date: ["日期", "Date"],
    terms: ["二十四节气", "24 solar terms"],
    time: ["时间", "Time"],
    civilTime: ["北京时间/民用时", "civil time"],
    trueSolarTime: ["真太阳时", "true solar time"],
    play: ["▶ 播放一天", "▶ Play the day"],
    pause: ["‖ 暂停", "‖ Pause"],
    azimuth: ["方位角", "azimuth"],
    elevation: ["高度角", "elevation"],
    sunDown: ["太阳在地平线下", "sun below the horizon"],
    sunrise: ["日出", "sunrise"],
    sunset: ["日落", "sunset"],
    buildings: ["楼栋", "Buildings"],
    noBuildings: ["还没有楼。点“＋ 楼”添加一栋。", "No buildings yet. Press “+ Building” to add one."],
    building: ["楼", "Building"],
    name: ["名称", "Name"],
    centreX: ["中心 x（东）m", "Centre x (east) m"],
    centreY: ["中心 y（北）m", "Centre y (north) m"],
    width: ["面宽 m", "Width m"],
    depth: ["进深 m", "Depth m"],
    rotation: ["旋转 °（逆时针）", "Rotation ° (counter-clockwise)"],
    floors: ["层数", "Floors"],
    floorHeight: ["层高 m", "Floor height m"],
    height: ["高度 m", "Height m"],
    footprintNote: ["多边形楼：可移动、改高度；形状请用 JSON 编辑。", "Footprint building: move it and set its height; edit the outline in JSON."],
    units: ["户（每层同一列）", "Units (same column on every floor)"],
    addUnit: ["＋ 户", "+ Unit"],
    removeUnit: ["删除此户", "Remove unit"],
    unitName: ["户名", "Unit name"],
    windows: ["窗", "Windows"],
    noWindows: ["没有窗：点“在立面上加窗”，再点楼的立面。", "No window: press “Place window”, then click a facade."],
    placeWindow: ["在立面上加窗", "Place window"],
    placeWindowActive: ["点击楼的立面放窗（Esc 取消）", "Click a facade to place the window (Esc cancels)"],
    removeWindow: ["删除窗", "Remove window"],
    face: { south: ["南", "south"], east: ["东", "east"], north: ["北", "north"], west: ["西", "west"] },
    edge: ["边", "edge"],
    flat: ["住户日照", "Flat sunlight"],
    floor: ["楼层", "Floor"],
    unit: ["户", "Unit"],
    standard: ["标准", "Standard"],
    year: ["年份", "Year"],
    showTable: ["计算 24 节气日照", "Compute the 24-term table"],
    pickBuilding: ["点一栋楼（在三维图中或下面的列表），再点楼层和户。", "Tap a building (in the view or in the list below), then its floor and unit."],
    noUnits: ["这栋楼还没有户。先添加户和窗。", "This building has no units yet. Add a unit and a window first."],
    term: ["节气", "Term"],
    intervals: ["日照时段", "Sunlit intervals"],
    total: ["全天", "Day"],
    band: ["有效时段", "Band"],
    required: ["要求", "Required"],
    verdict: ["结论", "Verdict"],
    blockers: ["遮挡", "Blocked by"],
    pass: ["满足", "pass"],
    fail: ["不满足", "FAIL"],
    noRequirement: ["无要求", "no requirement"],
    info: ["参考", "info"],
    minutes: ["分", "min"],
    legendSun: ["有日照", "sunlit"],
    close: ["关闭", "Close"],
    verdictPass: ["满足日照标准", "Meets the sunlight standard"],
    verdictFail: ["不满足日照标准", "Fails the sunlight standard"],
    noVerdict: ["此标准不作判定", "No verdict under this standard"],
    requiredHours: ["（要求 ≥ {h} 小时）", "(needs ≥ {h} h)"],
    bandHours: ["有效时段 {band} 内日照 {h} 小时", "{h} h of sun in the band {band}"],
    answerStandard: ["{standard}，{year} 年，时段按{clock}", "{standard}, {year}, bands on {clock}"],
    bandsNote: ["有效时段（{clock}）：{bands}", "Effective bands ({clock}): {bands}"],
    otherTermsBand: ["其他节气 {band}（参考）", "other terms {band} (for information)"],
    hoursHead: ["日照时数", "Sun (h)"],
    shadeBefore: ["此前被 {b} 遮挡", "shaded before by {b}"],
    shadeAfter: ["此后被 {b} 遮挡", "shaded after by {b}"],
    noSun: ["全天没有直射阳光", "no direct sun all day"],
    detailDay: ["全天 {m} 分", "day {m} min"],
    detailBand: ["有效时段 {band} 内 {m} 分", "band {band}: {m} min"],
    detailRequired: ["要求 {m} 分", "required {m} min"],
    tapForDetails: ["点一行看详情", "tap a row for details"],
    legendBand: ["有效时段", "effective band"],
    tableCaption: ["{flat}：{standard}，{year} 年，时段按{clock}", "{flat}: {standard}, {year}, band on {clock}"],
    flatLabel: ["{building} {floor} 层 {unit}", "{building} floor {floor} {unit}"],
    computing: ["正在计算…", "Computing…"],
    saving: ["正在保存…", "Saving…"],
    saved: ["已保存（版本 {revision}）", "Saved (revision {revision})"],
    loaded: ["已打开共享场景", "Opened a shared scene"],
    viewOnly: ["只读：你没有此场景的编辑令牌，保存会另存为你的副本。", "View only: you have no edit token for this scene; saving makes your own copy."],
    conflict: ["保存冲突：此场景已在别处被修改（现在是版本 {revision}）。你的修改没有覆盖它。请重新加载查看最新版本，或另存为副本。",
        "Save conflict: this scene was changed elsewhere (now revision {revision}). Your changes did not overwrite it. Reload to see the latest, or save a copy."],
    reload: ["重新加载", "Reload"],
    unsaved: ["有未保存的修改", "Unsaved changes"],
    errorPrefix: ["出错：", "Error: "],
    networkError: ["无法连接服务器", "Cannot reach the server"],
    notFound: ["找不到这个场景（链接可能已失效）", "Scene not found (the link may be stale)"],
    savedBeforeTable: ["表格按已保存的场景计算，先保存…", "The table is computed on the saved scene; saving first…"],
    northLabel: ["北", "N"],
    keyboardHelp: ["键盘：Tab 选按钮；选中楼后方向键移动 1 m（Shift 10 m），[ ] 旋转，Delete 删除，Ctrl+Z/Ctrl+Y 撤销/重做。",
        "Keyboard: Tab through the controls; with a building selected, arrow keys move it 1 m (Shift 10 m), [ ] rotate, Delete removes, Ctrl+Z/Ctrl+Y undo/redo."],
    newBuildingName: ["{n}号楼", "Building {n}"],
    eastUnit: ["东户", "east unit"],
    westUnit: ["西户", "west unit"],
    unitN: ["{n}户", "unit {n}"],
    clockTrueSolar: ["真太阳时", "true solar time"],
    clockCivil: ["民用时", "civil time"],
    polarDay: ["极昼", "polar day"],
    polarNight: ["极夜", "polar night"],
    viewer3d: ["三维场景：拖动旋转视角，滚轮缩放；点击楼选中，拖动楼移动，拖动把手改尺寸、旋转或高度。",
        "3D scene: drag to orbit, wheel to zoom; click a building to select it, drag it to move, drag the handles to resize, rotate or raise it."],
};

let current = "en";

/** The language the page starts in: the saved choice, else the browser's. */
export function initialLanguage() {
    const saved = localStorage.getItem("sunspot.lang");
    if (saved === "zh" || saved === "en") return saved;
    const langs = navigator.languages?.length ? navigator.languages : [navigator.language || "en"];
    return /^zh/i.test(langs[0]) ? "zh" : "en";
}

export function setLanguage(lang, remember = false) {
    current = lang === "zh" ? "zh" : "en";
    if (remember) localStorage.setItem("sunspot.lang", current);
    document.documentElement.lang = current === "zh" ? "zh-CN" : "en";
}

export function language() {
    return current;
}

/** Text for `key` (dot path), with `{name}` placeholders filled from `vars`. */
export function t(key, vars = {}) {
    let entry = strings;
    for (const part of key.split(".")) entry = entry?.[part];
    if (!Array.isArray(entry)) return key;
    const text = entry[current === "zh" ? 0 : 1];
    return text.replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`));
}

/** Fills every `data-i18n*` element under `root`. */
export function applyI18n(root = document) {
    for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
    for (const el of root.querySelectorAll("[data-i18n-title]")) {
        el.title = t(el.dataset.i18nTitle);
        el.setAttribute("aria-label", el.title);
    }
    for (const el of root.querySelectorAll("[data-i18n-placeholder]")) el.placeholder = t(el.dataset.i18nPlaceholder);
}
