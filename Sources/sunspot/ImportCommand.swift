import ArgumentParser
import Foundation
import GeoImport
import SunSpotIO

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn GeoJSON building footprints into a scene, through PROJ.",
        discussion: """
            Examples:
              sunspot import data/sample-buildings.geojson --tz Asia/Shanghai \\
                -o compound.json
              sunspot import data/sample-buildings.geojson --crs EPSG:4326 \\
                --tz Asia/Shanghai --floor-height 2.9 -o plan.json
              sunspot import data/sample-buildings.geojson --tz Asia/Shanghai \\
                --units "east:south:+12,west:south:-12" --units-on 1,2,3 -o flats.json
              sunspot import data/sample-buildings.geojson --tz Asia/Shanghai \\
                --units "flat:south:0" -o homes.json \\
                --units-tag "building=residential|apartments|house"

            Reads a FeatureCollection of Polygon/MultiPolygon footprints in --crs
            (default: the file's own "crs" member, else WGS84 lon/lat). CGCS2000
            3-degree Gauss-Kruger zones are EPSG:4534-4554 (EPSG:4547 for 114°E).
            Each polygon, and each MultiPolygon part, becomes a footprint building;
            holes are dropped with a warning (the courtyard is filled).

            Heights follow OpenStreetMap: 'height' (metres) and 'building:levels'
            count from the ground; 'min_height' or 'building:min_level' raise the
            volume's base. With levels only, storeys are --floor-height tall.
            Ids come from 'id', the feature's id, '@id' or the feature's position;
            names from 'name'.

            The origin is the footprints' centroid (its lat/lon is the site); x east,
            y north in metres (azimuthal equidistant: +y is true north at the
            origin).

            --units "UNIT:DIRECTION:OFFSET,…" gives every building with storeys the
            same flats: UNIT is the unit id, DIRECTION the facade (south, southeast,
            se, … or degrees clockwise from north: the footprint edge whose outward
            normal is closest to it; ties go to the longer edge), OFFSET the window
            centre's distance in metres from the facade's midpoint, positive to the
            right as seen from outside (on a south facade + is east), as a scene
            window's "offset". Repeat a unit id to give it more windows. Windows are
            --window-width wide; one that does not fit its facade is an error naming
            the building and the unit. Without --units no flats are made.
            --units-tag KEY=VALUE|VALUE… gives them only to buildings whose property
            has one of the values (OSM: building=residential|apartments|house, so an
            office tower gets none); --units-on ID,… only to the listed buildings.
            """)

    @Argument(help: "GeoJSON file of building footprints.")
    var file: String

    @Option(help: "CRS of the coordinates, as PROJ reads it (EPSG:4326, EPSG:4547, a PROJ string).")
    var crs: String?

    @Option(help: "The site's IANA time zone, e.g. Asia/Shanghai (required).")
    var tz: String?

    @Option(help: "Property with the height in metres.")
    var heightProperty: String = "height"

    @Option(help: "Property with the number of storeys.")
    var levelsProperty: String = "building:levels"

    @Option(
        parsing: .unconditional, help: "Storey height in metres, used when only storeys are given.",
        transform: number("2.9"))
    var floorHeight: Double = 3

    @Option(
        help: "Flats for every building with storeys: UNIT:DIRECTION:OFFSET,… e.g. \"east:south:+12,west:south:-12\".")
    var units: String?

    @Option(
        help:
            "Give --units only to buildings whose property has one of the values: KEY=VALUE|VALUE…, e.g. \"\(UnitTargets.residentialTag)\"."
    )
    var unitsTag: String?

    @Option(help: "Give --units only to these building ids, e.g. 1,2,3.")
    var unitsOn: String?

    @Option(parsing: .unconditional, help: "Width of the --units windows in metres.", transform: number("1.8"))
    var windowWidth: Double = 1.8

    @Option(help: "The scene's name (default: the file's name).")
    var name: String?

    @Option(name: .shortAndLong, help: "Scene file to write (JSON).")
    var output: String

    func run() throws {
        guard let tz else {
            throw ValidationError("--tz is required: the site's IANA time zone, e.g. --tz Asia/Shanghai")
        }
        guard SystemTimeZone(identifier: tz) != nil else {
            throw ValidationError("--tz: unknown time zone '\(tz)' (use an IANA name such as Asia/Shanghai)")
        }
        guard HeightRules.floorHeightRange.contains(floorHeight) else {
            throw ValidationError("--floor-height must be within 1.5...20 m (got \(floorHeight))")
        }
        var layout: UnitLayout?
        var targets = UnitTargets()
        if let units {
            do {
                layout = try UnitLayout.parse(units, windowWidthMeters: windowWidth)
                if let unitsTag { targets.tag = try UnitTargets.parseTag(unitsTag) }
                if let unitsOn { targets.buildingIDs = try UnitTargets.parseIDs(unitsOn) }
            } catch {
                throw ValidationError(error.description)
            }
        } else if unitsTag != nil || unitsOn != nil {
            throw ValidationError(
                "\(unitsTag != nil ? "--units-tag" : "--units-on") chooses which buildings get --units; give --units too, e.g. --units \"east:south:+12,west:south:-12\""
            )
        }
        let directory = URL(fileURLWithPath: output).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("-o \(output): directory \(directory) does not exist")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw ValidationError("\(file): cannot be read (\((error as NSError).localizedDescription))")
        }
        let options = ImportOptions(
            sourceCRS: crs, timeZone: tz,
            heights: HeightRules(
                heightProperty: heightProperty, levelsProperty: levelsProperty,
                floorHeightMeters: floorHeight),
            sceneName: name ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent,
            units: layout, unitTargets: targets)
        let result: ImportResult
        do {
            result = try GeoImporter.importScene(geoJSON: data, options: options)
        } catch {
            throw ValidationError(error.location.hasPrefix("--") ? error.description : "\(file): \(error.description)")
        }
        for warning in result.warnings {
            FileHandle.standardError.write(Data("sunspot: warning: \(file): \(warning)\n".utf8))
        }
        do {
            // Atomic: a temporary file in the same directory, renamed over the target.
            try Data(try result.jsonText().utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw ValidationError("-o \(output): cannot write (\((error as NSError).localizedDescription))")
        }
        let site = result.document.site
        print(
            "\(output): \(result.document.buildings.count) buildings from \(file) (\(result.sourceCRS)); site \(site.latitude), \(site.longitude) (\(site.timeZone))"
        )
        if let layout {
            let ids = layout.entries.map(\.unit).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            let with = result.buildingsWithUnits.map { result.document.buildings[$0].id }
            print(
                "units \(ids.joined(separator: ", ")) on \(with.count) building(s) with storeys: \(with.joined(separator: ", "))"
            )
        }
    }
}
