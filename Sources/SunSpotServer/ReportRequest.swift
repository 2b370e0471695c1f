import Foundation
import SunSpotIO
import SunSpotReports
import SunSpotResults

/// A `POST /v1/reports` body read into listings and settings, before its scenes are
/// looked up. Every bad row is collected (a website uploading thousands of rows wants
/// every problem at once), each with where it is: `listings[3].floor` for JSON, `line 4`
/// for CSV.
struct ReportRequest {
    struct Issue: Error, Equatable {
        var path: String
        var message: String
    }

    /// The listings, each with the path that names it in the request.
    var listings: [(listing: ReportDefinition.Listing, path: String)] = []
    /// Set for `{"scene": id}`: every flat of that saved scene.
    var wholeScene: String?
    var year = 2026
    var standard = "gb50180"
    var climateZone = "II"
    var smallCity = false
    /// The languages whose PDF is drawn as soon as the job finishes (others on first request).
    var pdf: [Language] = []
    /// Problems found so far; the caller adds the scene checks and refuses them all together.
    var issues: [Issue] = []

    static let topFields = ["listings", "scene", "year", "standard", "climateZone", "smallCity", "pdf"]

    /// A 422 naming the first issue's place; the message lists them all (up to 50).
    static func refusal(_ issues: [Issue]) -> APIError {
        let shown = issues.prefix(50).map { "\($0.path): \($0.message)" }
        let more = issues.count > 50 ? "; and \(issues.count - 50) more" : ""
        return APIError(
            .unprocessableContent, code: "invalid_listings",
            message: "\(issues.count) problem(s), nothing was queued: " + shown.joined(separator: "; ") + more,
            path: issues.first?.path)
    }

    // MARK: - JSON

    /// `{"listings":[{listing, scene, building, floor, unit, title?, address?}], year?, standard?,
    /// climateZone?, smallCity?}` or `{"scene": id, …}`. Throws only for a body that is not a
    /// JSON object; bad rows and fields are returned in ``issues``.
    static func parseJSON(_ data: Data) throws -> ReportRequest {
        let object = try SceneBody.parseObject(data)
        var issues: [Issue] = []
        var request = ReportRequest()
        for key in object.keys.sorted() where !topFields.contains(key) {
            issues.append(Issue(path: key, message: "unknown field (allowed: \(topFields.joined(separator: ", ")))"))
        }
        switch (object["listings"], object["scene"]) {
        case (nil, nil):
            issues.append(
                Issue(path: "listings", message: "give either listings (an array of flats) or scene (a saved scene id)")
            )
        case (.some, .some):
            issues.append(Issue(path: "scene", message: "give either listings or scene, not both"))
        case (nil, let scene?):
            if let id = scene as? String {
                request.wholeScene = id
            } else {
                issues.append(Issue(path: "scene", message: "must be a scene id (a string)"))
            }
        case (let listings?, nil):
            if let rows = listings as? [Any], !rows.isEmpty {
                for (i, row) in rows.enumerated() {
                    switch listing(row, path: "listings[\(i)]") {
                    case .success(let l): request.listings.append((l, "listings[\(i)]"))
                    case .failure(let issue): issues.append(issue)
                    }
                }
            } else {
                issues.append(Issue(path: "listings", message: "must be a non-empty array of flats"))
            }
        }
        if let year = object["year"] {
            // A JSON number here; its range is the shared reading's (the query's `year` too).
            do throws(QueryFailure) {
                guard let n = integer(year) else {
                    throw QueryFailure(field: "year", message: "must be a whole year in \(Parameters.years)")
                }
                try Parameters.checkYear(n)
                request.year = n
            } catch {
                issues.append(Issue(path: "year", message: error.message))
            }
        }
        for (key, keyPath) in [("standard", \ReportRequest.standard), ("climateZone", \ReportRequest.climateZone)] {
            guard let value = object[key] else { continue }
            if let text = value as? String {
                request[keyPath: keyPath] = text
            } else {
                issues.append(Issue(path: key, message: "must be a string"))
            }
        }
        if let small = object["smallCity"] {
            if let flag = small as? Bool {
                request.smallCity = flag
            } else {
                issues.append(Issue(path: "smallCity", message: "must be true or false"))
            }
        }
        if let pdf = object["pdf"] {
            do {
                guard let names = pdf as? [Any], let texts = names as? [String] else {
                    throw APIError.badRequest("must be an array of languages (zh, en)", path: "pdf")
                }
                request.pdf = try languages(texts.joined(separator: ","), path: "pdf")
            } catch let error as APIError {
                issues.append(Issue(path: "pdf", message: error.message))
            }
        }
        issues += request.settingsIssues(climateZonePath: "climateZone")
        issues += request.duplicateIssues()
        request.issues = issues
        return request
    }

    /// One `listings[i]` object through the shared ``ListingRow`` reading: text fields are
    /// strings (an integral number is read as its digits), `floor` is an integral number.
    static func listing(_ value: Any, path: String) -> Result<ReportDefinition.Listing, Issue> {
        guard let object = value as? [String: Any] else {
            return .failure(Issue(path: path, message: "must be an object"))
        }
        if let unknown = object.keys.sorted().first(where: { !ListingRow.fields.contains($0) }) {
            return .failure(
                Issue(
                    path: "\(path).\(unknown)",
                    message: "unknown field (allowed: \(ListingRow.fields.joined(separator: ", ")))"))
        }
        let row = ListingRow.parse { key -> ListingRow.Field in
            switch object[key] {
            case nil, is NSNull: return .absent
            case let s as String where key != "floor": return .text(s)
            case let n as NSNumber where integer(n) != nil: return .text(String(integer(n)!))
            default: return .wrongType
            }
        }
        return row.map { r in
            ReportDefinition.Listing(
                listing: r.listing, scene: r.scene, building: r.flat.building, floor: r.flat.floor,
                unit: r.flat.unit, title: r.title, address: r.address)
        }.mapError { Issue(path: "\(path).\($0.field)", message: $0.message) }
    }

    /// An integral JSON number (not a string, not a boolean).
    static func integer(_ value: Any) -> Int? {
        // Booleans arrive as Bool or as a one-byte NSNumber ("c"); neither is a number here.
        guard !(value is String), type(of: value) != Bool.self, let n = value as? NSNumber,
            String(cString: n.objCType) != "c"
        else { return nil }
        let d = n.doubleValue
        guard d.isFinite, d == d.rounded(), abs(d) < 1e9 else { return nil }
        return Int(d)
    }

    /// `zh,en` (the query's `pdf`, or the JSON array joined): each language once, in order.
    static func languages(_ list: String, path: String) throws -> [Language] {
        var out: [Language] = []
        for name in list.split(separator: ",", omittingEmptySubsequences: false) where !(list.isEmpty) {
            guard let language = Language(rawValue: String(name)) else {
                throw APIError.badRequest("'\(name.prefix(40))' is not a PDF language (accepted: zh, en)", path: path)
            }
            if !out.contains(language) { out.append(language) }
        }
        return out
    }

    // MARK: - CSV

    /// A listings CSV (`listing,scene,building,floor,unit[,title,address]`); the settings come
    /// from the query (`year`, `standard`, `climateZone`, `smallCity`), checked by the caller.
    static func parseCSV(
        _ data: Data, year: Int, standard: String, climateZone: String, smallCity: Bool
    ) throws
        -> ReportRequest
    {
        // UTF-8 (± BOM) or GB18030/GBK, as `sunspot report` reads a listings file.
        let text: String
        do {
            text = try CSVEncoding.decode([UInt8](data)).text
        } catch {
            throw APIError.badRequest("the CSV \(error.description)", code: "malformed_csv")
        }
        let (requests, parsed) = ListingsFile.parse(text, format: .csv)
        var request = ReportRequest(year: year, standard: standard, climateZone: climateZone, smallCity: smallCity)
        request.listings = requests.map { r in
            (
                ReportDefinition.Listing(
                    listing: r.listing, scene: r.scene, building: r.flat.building, floor: r.flat.floor,
                    unit: r.flat.unit, title: r.title, address: r.address), "line \(r.line)"
            )
        }
        var issues = parsed.map { Issue(path: "line \($0.line)", message: $0.message) }
        if issues.isEmpty && request.listings.isEmpty {
            issues.append(Issue(path: "line 2", message: "no listings after the header"))
        }
        if !issues.isEmpty { throw refusal(issues) }
        return request
    }

    // MARK: - Checks

    func settingsIssues(climateZonePath: String) -> [Issue] {
        do {
            _ = try ProfileChoice.resolve(standard, climateZone: climateZone, smallCity: smallCity)
            return []
        } catch {
            return [Issue(path: error.field == "climate-zone" ? climateZonePath : error.field, message: error.message)]
        }
    }

    /// Listing ids key the rows (and the resume): each may appear once.
    func duplicateIssues() -> [Issue] {
        var first: [String: String] = [:]
        var issues: [Issue] = []
        for (l, path) in listings {
            if let earlier = first[l.listing] {
                issues.append(Issue(path: "\(path).listing", message: "'\(l.listing)' repeats \(earlier)"))
            } else {
                first[l.listing] = path
            }
        }
        return issues
    }
}

extension ReportRequest.Issue {
    /// Problems in the order of the rows they are in (`listings[2]` before `listings[10]`,
    /// `line 3` before `line 12`), so the 422's path names the first bad row.
    static func inRequestOrder(_ a: Self, _ b: Self) -> Bool {
        let (ka, kb) = (a.sortKey, b.sortKey)
        return ka.row != kb.row ? ka.row < kb.row : ka.path < kb.path
    }

    private var sortKey: (row: Int, path: String) {
        let digits = path.drop { !$0.isNumber }.prefix { $0.isNumber }
        return (digits.isEmpty ? -1 : Int(digits) ?? Int.max, path)
    }
}
