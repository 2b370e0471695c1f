import ArgumentParser
import Foundation
import GeoImport
import SunSpotIO

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn OpenStreetMap extracts (.osm.pbf, .osm) or GeoJSON footprints into a scene.",
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
              sunspot import data/helsinki-centre.osm.pbf --tz Europe/Helsinki \\
                --around 60.1680,24.9440 --radius 250 --report report.json -o kluuvi.json

            OpenStreetMap extracts (.osm.pbf, .osm, .osm.bz2) are read with libosmium:
            closed ways and multipolygon relations tagged building or building:part,
            courtyards (inner rings) kept. --bbox W,S,E,N or --around LAT,LON --radius M
            takes the buildings whose vertices' mean lies in the area.

            One building never stops the import: heights are decided (below), a
            building that cannot be made (open way, nodes or members missing from the
            extract, unusable geometry) is skipped and named with its OSM id. A summary
            ends the output; --report FILE writes every decision as JSON. --strict
            refuses the file at its first problem instead.

            Courtyards: scene footprints are simple polygons, so a block with
            courtyards is cut corner to corner (two cuts per courtyard) into pieces
            (ID~1, ID~2, …) that together are exactly the block; every wall stays
            whole, and the cuts never get windows.

            GeoJSON: a FeatureCollection of Polygon/MultiPolygon footprints in --crs
            (default: the file's own "crs" member, else WGS84 lon/lat). CGCS2000
            3-degree Gauss-Kruger zones are EPSG:4534-4554 (EPSG:4547 for 114°E).
            Each polygon, and each MultiPolygon part, becomes a footprint building.

            Heights follow OpenStreetMap: 'height' (metres, or feet: "80 ft") and
            'building:levels' count from the ground; 'min_height' or
            'building:min_level' raise the volume's base. Source 'measured': height;
            else 'levels': (levels + roof:levels) × --floor-height, fractional levels
            allowed; else 'assumed': --default-levels for the building type, with a
            warning. Height and levels that disagree (a storey under 1.5 m): the
            levels win, with a warning. Malformed values are ignored with a warning.
            Ids come from 'id', the feature's id, '@id' or the feature's position;
            names from 'name'.

            The origin is the footprints' centroid (its lat/lon is the site); x east,
            y north in metres (azimuthal equidistant: +y is true north at the
            origin).

            --units "UNIT:DIRECTION:OFFSET,…" gives every building with storeys the
            same flats: UNIT is the unit id, DIRECTION the facade (south, southeast,
            se, … or degrees clockwise from north: the footprint edge whose outward
            normal is within ±45° of it, the longest such edge), OFFSET the window
            centre's distance in metres from the facade's midpoint, positive to the
            right as seen from outside (on a south facade + is east), as a scene
            window's "offset". Repeat a unit id to give it more windows. Windows are
            --window-width wide; a building where one does not fit gets no flats, with
            a warning naming it (--strict: an error). Without --units no flats are made.
            --units-tag KEY=VALUE|VALUE… gives them only to buildings whose property
            has one of the values (OSM: building=residential|apartments|house, so an
            office tower gets none); --units-on ID,… only to the listed buildings.
            """)

    @Argument(help: "OpenStreetMap extract (.osm.pbf, .osm, .osm.bz2) or GeoJSON file of building footprints.")
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

    @Option(
        help:
            "Storeys assumed where a building has neither height nor levels: N for every type, or TYPE=N,… (*=N for the rest); default: 1 for sheds and halls, 2 for houses, 4 for flats and offices, 3 otherwise."
    )
    var defaultLevels: String?

    @Option(help: "Import only the buildings in this box: WEST,SOUTH,EAST,NORTH in degrees.")
    var bbox: String?

    @Option(help: "Import only the buildings within --radius of this point: LAT,LON in degrees.")
    var around: String?

    @Option(parsing: .unconditional, help: "Radius in metres for --around.", transform: number("300"))
    var radius: Double?

    @Flag(help: "Refuse the file at its first problem (curated data) instead of assuming, repairing or skipping.")
    var strict = false

    @Option(help: "Write the import's report (JSON): every building's height source and rule, every skip and why.")
    var report: String?

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
        var area: AreaFilter?
        var defaults = DefaultLevels()
        do throws(ImportError) {
            if bbox != nil && around != nil {
                throw ImportError("--bbox", "and --around both choose the area; give one")
            }
            if let bbox { area = try AreaFilter.parseBBox(bbox) }
            if let around { area = try AreaFilter.parseAround(around, radiusMeters: radius) }
            if radius != nil && around == nil { throw ImportError("--radius", "goes with --around LAT,LON") }
            if let defaultLevels { defaults = try DefaultLevels.parse(defaultLevels) }
        } catch {
            throw ValidationError(error.description)
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
        for (option, path) in [("-o", output), ("--report", report)] {
            guard let path else { continue }
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                throw ValidationError("\(option) \(path): directory \(directory) does not exist")
            }
        }
        let isOSM = OSMExtract.format(ofPath: file) != nil
        if isOSM, crs != nil {
            throw ValidationError("--crs: OpenStreetMap data is always WGS84 lon/lat; leave --crs out for \(file)")
        }
        guard FileManager.default.isReadableFile(atPath: file) else {
            throw ValidationError("\(file): cannot be read (no such file, or not readable)")
        }
        var options = ImportOptions(
            sourceCRS: crs, timeZone: tz,
            heights: HeightRules(
                heightProperty: heightProperty, levelsProperty: levelsProperty,
                floorHeightMeters: floorHeight, defaultLevels: defaults),
            sceneName: name ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent,
            units: layout, unitTargets: targets)
        options.strict = strict
        options.area = area
        let result: ImportResult
        do throws(ImportError) {
            if isOSM {
                let extract = try OSMExtract(path: file)
                result = try GeoImporter.importScene(
                    features: extract.features, declaredCRS: nil, options: options, skipped: extract.skipped)
            } else {
                let data: Data
                do {
                    data = try Data(contentsOf: URL(fileURLWithPath: file))
                } catch {
                    throw ImportError("", "cannot be read (\((error as NSError).localizedDescription))")
                }
                result = try GeoImporter.importScene(geoJSON: data, options: options)
            }
        } catch {
            throw ValidationError(error.location.hasPrefix("--") ? error.description : "\(file): \(error.description)")
        }
        for warning in result.warnings {
            FileHandle.standardError.write(Data("sunspot: warning: \(file): \(warning)\n".utf8))
        }
        for skipped in result.report.skipped {
            FileHandle.standardError.write(Data("sunspot: skipped: \(file): \(skipped.message)\n".utf8))
        }
        // Atomic: a temporary file in the same directory, renamed over the target; the
        // report first, so a scene never appears without its report.
        let outputs: [(option: String, path: String?, text: () throws -> String)] = [
            ("--report", report, { try result.report.jsonText() }), ("-o", output, { try result.jsonText() }),
        ]
        for (option, path, text) in outputs {
            guard let path else { continue }
            do {
                try Data(try text().utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw ValidationError("\(option) \(path): cannot write (\((error as NSError).localizedDescription))")
            }
        }
        let site = result.document.site
        print(
            "\(output): \(result.document.buildings.count) buildings from \(file) (\(result.sourceCRS)); site \(site.latitude), \(site.longitude) (\(site.timeZone))"
        )
        print(result.report.summary)
        if let layout {
            let ids = layout.entries.map(\.unit).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            let with = result.buildingsWithUnits.map { result.document.buildings[$0].id }
            print(
                "units \(ids.joined(separator: ", ")) on \(with.count) building(s) with storeys: \(with.joined(separator: ", "))"
            )
        }
    }
}
