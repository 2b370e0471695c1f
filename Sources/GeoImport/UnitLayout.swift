import Foundation
import Scene

/// Flats to add to every imported building that has storeys, from `--units`:
/// `"east:south:+12,west:south:-12"` is unit `east` with a window on the building's
/// south-facing facade 12 m right of that facade's centre, and unit `west` 12 m left.
///
/// - Facade: the longest footprint edge whose outward normal is within ±45° of the
///   direction (``FacadeChoice``), never a short jog that happens to face it squarely.
/// - Offset: metres along the facade from its midpoint, positive to the right as seen
///   by someone outside looking at the wall — exactly the scene's `WindowSpec.offset`
///   (the edge's own direction for a counter-clockwise footprint). On a south facade
///   `+` is east, on a north facade `+` is west, on an east facade `+` is north.
/// - A unit id may appear more than once: each entry adds a window to that unit
///   (`"a:south:-6,a:east:0"` is a corner flat with two windows).
public struct UnitLayout: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var unit: String
        public var facing: CompassDirection
        public var offsetMeters: Double

        public init(unit: String, facing: CompassDirection, offsetMeters: Double) {
            self.unit = unit
            self.facing = facing
            self.offsetMeters = offsetMeters
        }
    }

    public var entries: [Entry]
    public var windowWidthMeters: Double

    /// Window widths the scene accepts (Scene validation's `width` range).
    public static let windowWidthRange = 0.1...100.0

    public init(entries: [Entry], windowWidthMeters: Double = 1.8) {
        self.entries = entries
        self.windowWidthMeters = windowWidthMeters
    }

    /// Reads `--units`; a problem names the bad entry and the part of it that is wrong.
    public static func parse(_ text: String, windowWidthMeters: Double = 1.8) throws(ImportError) -> UnitLayout {
        guard windowWidthMeters.isFinite, windowWidthRange.contains(windowWidthMeters) else {
            throw ImportError("--window-width", "must be within 0.1...100 m (got \(windowWidthMeters))")
        }
        let pieces = text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        var entries: [Entry] = []
        var seen = Set<String>()
        for (k, piece) in pieces.enumerated() {
            let at = "--units entry \(k + 1) '\(piece)'"
            let parts = piece.split(separator: ":", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard parts.count == 3 else {
                throw ImportError(
                    at,
                    "must be UNIT:DIRECTION:OFFSET, e.g. east:south:+12 (it has \(parts.count) part\(parts.count == 1 ? "" : "s"))"
                )
            }
            let unit = parts[0]
            guard !unit.isEmpty, unit.count <= 64, !unit.contains("/") else {
                throw ImportError(at, "unit id '\(unit)' must be 1–64 characters without '/'")
            }
            guard let facing = CompassDirection.parse(parts[1]) else {
                throw ImportError(at, "'\(parts[1])' is not a direction; use \(CompassDirection.accepted)")
            }
            guard let offset = Double(parts[2]), offset.isFinite, abs(offset) <= SceneLimits.coordinateMeters else {
                throw ImportError(at, "'\(parts[2])' is not an offset in metres (e.g. +12, -12 or 0)")
            }
            let entry = Entry(unit: unit, facing: facing, offsetMeters: offset)
            let key = "\(unit)|\(facing.azimuthDegrees)|\(offset)"
            guard seen.insert(key).inserted else {
                throw ImportError(at, "repeats an earlier window of unit '\(unit)'")
            }
            entries.append(entry)
        }
        let units = Set(entries.map(\.unit))
        guard units.count <= SceneLimits.unitsPerBuilding else {
            throw ImportError("--units", "has \(units.count) units; the limit is \(SceneLimits.unitsPerBuilding)")
        }
        for unit in units where entries.filter({ $0.unit == unit }).count > SceneLimits.windowsPerUnit {
            throw ImportError("--units", "unit '\(unit)' has more than \(SceneLimits.windowsPerUnit) windows")
        }
        return UnitLayout(entries: entries, windowWidthMeters: windowWidthMeters)
    }

    /// Why a layout does not fit one building.
    public struct Misfit: Error, Equatable, Sendable {
        public var unit: String
        public var message: String
    }

    /// The units on a counter-clockwise footprint, each window on the edge facing its
    /// direction; a misfit when a window does not fit on its facade (the same rule as the
    /// scene's validation: |offset| + width/2 ≤ length/2).
    public func units(
        on footprint: [[Double]], northAngle: Double = 0, excluding excluded: Set<Int> = []
    ) -> Result<[UnitSpec], Misfit> {
        var units: [UnitSpec] = []
        for entry in entries {
            guard
                let edge = FacadeChoice.edge(
                    facing: entry.facing.azimuthDegrees, footprint: footprint, northAngle: northAngle,
                    excluding: excluded)
            else {
                return .failure(
                    Misfit(
                        unit: entry.unit,
                        message:
                            "no facade faces within ±\(Int(FacadeChoice.toleranceDegrees))° of \(entry.facing.name) (\(Self.text(entry.facing.azimuthDegrees))°)"
                    ))
            }
            let length = FacadeChoice.length(of: edge, in: footprint)
            let half = length / 2
            if abs(entry.offsetMeters) + windowWidthMeters / 2 > half + 1e-9 {
                let normal = FacadeChoice.outwardAzimuths(of: footprint, northAngle: northAngle)[edge]
                return .failure(
                    Misfit(
                        unit: entry.unit,
                        message:
                            "a \(Self.text(windowWidthMeters)) m window at offset \(Self.signed(entry.offsetMeters)) m does not fit its \(entry.facing.name) facade (edge \(edge), facing \(Self.text(normal))°, \(Self.text(length)) m long: |offset| + width/2 must be at most \(Self.text(half)) m)"
                    ))
            }
            let window = WindowSpec(edge: edge, offset: entry.offsetMeters, width: windowWidthMeters)
            if let i = units.firstIndex(where: { $0.id == entry.unit }) {
                units[i].windows.append(window)
            } else {
                units.append(UnitSpec(id: entry.unit, windows: [window]))
            }
        }
        return .success(units)
    }

    static func text(_ x: Double) -> String { String(format: "%.1f", x) }
    static func signed(_ x: Double) -> String { (x > 0 ? "+" : "") + (x == x.rounded() ? String(Int(x)) : String(x)) }
}
