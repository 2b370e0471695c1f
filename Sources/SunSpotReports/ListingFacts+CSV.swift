import SolarCore
import SunSpotResults

/// A report row as a CSV line: the columns of `sunspot report -o x.csv` and of the daemon's report.csv.
extension ListingFacts {
    /// Column names, in order; the 24 term totals are named by pinyin (`total_min_xiaohan` …).
    public static var csvHeader: [String] {
        [
            "listing", "title", "address", "scene", "scene_revision", "software", "standard", "year", "building",
            "floor",
            "unit", "window", "dongzhi_band_min", "dahan_band_min", "standard_day", "required_min", "meets_standard",
            "best_term", "worst_term", "dongzhi_main_blocker",
        ]
            + (0..<24).map { "total_min_" + pinyinKey(SolarTermName.byLongitude[(285 + 15 * $0) % 360 / 15].pinyin) }
    }

    public var csvFields: [String] {
        let number = ListingFacts.minutesText
        return [
            listing, title ?? "", address ?? "", scene, sceneRevision, software, standard, String(year), building,
            String(floor), unit, String(window), number(winterSolsticeBandMinutes), number(greatColdBandMinutes),
            standardDay ?? "", requiredMinutes.map(number) ?? "", meetsStandard.map { $0 ? "true" : "false" } ?? "",
            bestTerm, worstTerm, winterSolsticeMainBlocker ?? "",
        ]
            + termTotalMinutes.map(number)
    }

    public var csvLine: String { csvFields.map(TextTable.csvField).joined(separator: ",") }

    static func pinyinKey(_ pinyin: String) -> String {
        let plain = pinyin.applyingTransformLatin()
        return String(plain.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) }.map(Character.init))
    }
}

extension String {
    /// Pinyin without tone marks (ā → a), without Foundation's ICU transforms.
    func applyingTransformLatin() -> String {
        let plain: [Character: Character] = [
            "ā": "a", "á": "a", "ǎ": "a", "à": "a", "ē": "e", "é": "e", "ě": "e", "è": "e", "ī": "i", "í": "i",
            "ǐ": "i", "ì": "i", "ō": "o", "ó": "o", "ǒ": "o", "ò": "o", "ū": "u", "ú": "u", "ǔ": "u", "ù": "u",
            "ǖ": "v", "ǘ": "v", "ǚ": "v", "ǜ": "v", "ü": "v",
        ]
        return String(self.map { plain[$0] ?? $0 })
    }
}
