import Foundation
import Testing

// Southern and western users type `--lat -33.86`, not `--lat=-33.86`. These tests run the built
// binary with negative values written as separate words, for every option that can be negative.
// The sun's events for the four cities are checked against Skyfield + JPL DE421/DE440
// (Tests/SolarCoreTests/Fixtures/sun_events.csv, made by make_fixtures.py there), so a sign lost
// on the way (a latitude read as north, a longitude as east) fails by hours, not seconds.

private let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
private let samplePath = repositoryRoot.appendingPathComponent("data/sample-compound.json").path

/// One row of the Skyfield sun-events fixture: a civil day at a site, with UT Julian days.
private struct ReferenceDay {
    var year: Int, month: Int, day: Int, utcOffsetHours: Int
    var latitude: String, longitude: String
    var sunriseJD: Double, transitJD: Double, sunsetJD: Double

    /// The fixture's first normal day at the site (latitude and longitude as printed there).
    static func first(latitude: String, longitude: String) throws -> ReferenceDay {
        let url = repositoryRoot.appendingPathComponent("Tests/SolarCoreTests/Fixtures/sun_events.csv")
        let rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
        for row in rows {
            let f = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 10, f[4] == latitude, f[5] == longitude, f[6] == "normal" else { continue }
            return ReferenceDay(
                year: Int(f[0])!, month: Int(f[1])!, day: Int(f[2])!, utcOffsetHours: Int(f[3])!,
                latitude: latitude, longitude: longitude, sunriseJD: Double(f[7])!,
                transitJD: Double(f[8])!, sunsetJD: Double(f[9])!)
        }
        throw FixtureRowMissing(latitude: latitude, longitude: longitude)
    }

    /// Local noon of the day, ISO 8601 with the fixture's UTC offset (`2014-01-11T12:00:00-04:00`).
    var noonISO: String {
        let sign = utcOffsetHours < 0 ? "-" : "+"
        return String(format: "%04d-%02d-%02dT12:00:00%@%02d:00", year, month, day, sign, abs(utcOffsetHours))
    }
}

private struct FixtureRowMissing: Error { var latitude: String, longitude: String }

private func date(julianDayUT jd: Double) -> Date { Date(timeIntervalSince1970: (jd - 2_440_587.5) * 86_400) }

private func instant(_ json: [String: Any], _ key: String) throws -> Date {
    let text = try #require(json[key] as? String, "\(key) missing")
    return try #require(ISO8601DateFormatter().date(from: text), "\(key) = \(text) is not ISO 8601")
}

private func sunJSON(_ args: [String]) throws -> [String: Any] {
    let run = try runSunspot(["sun"] + args + ["--format", "json"])
    #expect(run.status == 0, "\(args): \(run.stderr)")
    return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
}

@Suite("negative values are accepted as separate words, end to end")
struct NegativeValuesEndToEndTests {

    @Test(
        "sun --lat -… --lon -… gives the sun events Skyfield gives for Sydney, Denver, Buenos Aires and Reykjavik",
        arguments: [
            ("Sydney", "-33.868800", "151.209300"), ("Denver (Golden CO)", "39.742476", "-105.178600"),
            ("Buenos Aires", "-34.603700", "-58.381600"), ("Reykjavik", "64.146600", "-21.942600"),
        ])
    func sunForFourCities(city: String, latitude: String, longitude: String) throws {
        let reference = try ReferenceDay.first(latitude: latitude, longitude: longitude)
        let json = try sunJSON(["--lat", latitude, "--lon", longitude, "--at", reference.noonISO])
        #expect((json["latitude"] as? Double) == Double(latitude), "\(city)")
        #expect((json["longitude"] as? Double) == Double(longitude), "\(city)")
        for (key, jd) in [
            ("sunrise", reference.sunriseJD), ("solarNoon", reference.transitJD),
            ("sunset", reference.sunsetJD),
        ] {
            let seconds = try instant(json, key).timeIntervalSince(date(julianDayUT: jd))
            #expect(abs(seconds) <= 30, "\(city) \(key) is \(seconds) s from Skyfield")
        }
        // The `=` spelling, which always worked, gives the same answer.
        let joined = try sunJSON(["--lat=\(latitude)", "--lon=\(longitude)", "--at", reference.noonISO])
        #expect(NSDictionary(dictionary: joined) == NSDictionary(dictionary: json), "\(city)")
    }

    @Test("a height below sea level is read as a value (the Dead Sea shore, -430 m)")
    func heightBelowSeaLevel() throws {
        let json = try sunJSON([
            "--lat", "31.5", "--lon", "35.5", "--at", "2026-06-21T12:00:00+03:00",
            "--height", "-430",
        ])
        #expect((json["elevation"] as? Double).map { $0 > 75 } == true)
    }

    @Test("point takes negative coordinates and a negative facing azimuth as separate words")
    func pointNegativeFacing() throws {
        // Azimuth -90 is west: 270.
        let west = try runSunspot([
            "point", samplePath, "--x", "-70", "--y", "-30", "--z", "1.5", "--facing", "-90",
            "--date", "2026-12-22", "--format", "json",
        ])
        #expect(west.status == 0, "\(west.stderr)")
        let spelled = try runSunspot([
            "point", samplePath, "--x", "-70", "--y", "-30", "--z", "1.5", "--facing", "270",
            "--date", "2026-12-22", "--format", "json",
        ])
        let a = try JSONSerialization.jsonObject(with: Data(west.stdout.utf8)) as? [String: Any]
        let b = try JSONSerialization.jsonObject(with: Data(spelled.stdout.utf8)) as? [String: Any]
        #expect(a?["totalMinutes"] as? Double == b?["totalMinutes"] as? Double)
        #expect((a?["totalMinutes"] as? Double).map { $0 > 0 } == true)
    }

    @Test(
        "facade takes a negative offset as a separate word; a negative height is refused by name, not as a missing value"
    )
    func facadeNegativeValues() throws {
        let run = try runSunspot([
            "facade", samplePath, "--building", "3", "--face", "south", "--offset", "-12",
            "--height", "12.5", "--term", "大寒", "--format", "json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect((json?["offsets"] as? [Double]) == [-12])
        let low = try runSunspot(["facade", samplePath, "--building", "3", "--face", "south", "--height", "-1"])
        #expect(low.status == 64)
        #expect(!low.stderr.contains("Missing value"), "\(low.stderr)")
        #expect(low.stderr.contains("--height"), "\(low.stderr)")
    }

    @Test(
        "every signed or numeric option reports a bad negative value by name instead of 'Missing value'",
        arguments: [
            ["heatmap", samplePath, "--date", "2026-12-22", "--plane-height", "-2", "-o", "/tmp/sunspot-neg.png"],
            ["heatmap", samplePath, "--date", "2026-12-22", "--spacing", "-2", "-o", "/tmp/sunspot-neg.png"],
            ["table", samplePath, "--building", "3", "--floor", "-1", "--unit", "east"],
            ["terms", "--year", "-5"],
            ["sunpath", samplePath, "--all-terms", "--year", "-5", "-o", "/tmp/sunspot-neg.png"],
            ["facade", samplePath, "--building", "3", "--face", "south", "--spacing", "-1"],
        ])
    func negativeValuesAreReadAsValues(args: [String]) throws {
        let run = try runSunspot(args)
        #expect(run.status == 64, "\(args): \(run.stderr)")
        #expect(!run.stderr.contains("Missing value"), "\(args): \(run.stderr)")
        #expect(
            run.stderr.contains("-1") || run.stderr.contains("-2") || run.stderr.contains("-5"),
            "\(args): the error does not name the value: \(run.stderr)")
    }
}
