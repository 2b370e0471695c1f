import SunSpotIO

/// The flat table's JSON without Foundation's encoder: the daemon serves it for every flat
/// of a scene, and `JSONEncoder` took most of each request's CPU. Byte for byte what
/// ``JSONOutput/encode(_:)`` prints for the report (keys in byte order as `.sortedKeys` puts
/// them, optional fields of rows and intervals written as null, the flat's names omitted when
/// absent as the synthesized encoding does); a test compares the two over every sample flat.
extension FlatTableReport {
    public func prettyJSON() throws(PrettyJSONWriter.NonFiniteNumber) -> [UInt8] {
        var w = PrettyJSONWriter(capacity: 4096 + 1024 * rows.count)
        w.openObject()
        w.key("flat")
        try flat.write(to: &w)
        w.key("parameters")
        try parameters.write(to: &w)
        w.key("rows")
        w.openArray()
        for row in rows { try row.write(to: &w) }
        w.closeArray()
        w.closeObject()
        return w.document()
    }
}

extension FlatTableReport.Flat {
    fileprivate func write(to w: inout PrettyJSONWriter) throws(PrettyJSONWriter.NonFiniteNumber) {
        w.openObject()
        w.key("building")
        w.string(building)
        if let buildingName {
            w.key("buildingName")
            w.string(buildingName)
        }
        w.key("facing")
        try w.double(facing)
        w.key("floor")
        w.int(floor)
        w.key("point")
        w.openArray()
        for x in point { try w.double(x) }
        w.closeArray()
        w.key("unit")
        w.string(unit)
        if let unitName {
            w.key("unitName")
            w.string(unitName)
        }
        w.key("window")
        w.int(window)
        w.closeObject()
    }
}

extension FlatTableReport.Parameters {
    fileprivate func write(to w: inout PrettyJSONWriter) throws(PrettyJSONWriter.NonFiniteNumber) {
        w.openObject()
        w.key("calculationPoint")
        w.string(calculationPoint)
        w.key("clock")
        w.string(clock)
        w.key("minimumSweep")
        try w.double(minimumSweep)
        w.key("refraction")
        w.bool(refraction)
        w.key("sillHeight")
        try w.double(sillHeight)
        w.key("standard")
        w.string(standard)
        w.key("timeZone")
        w.string(timeZone)
        w.key("title")
        w.string(title)
        w.key("year")
        w.int(year)
        w.closeObject()
    }
}

extension FlatTableReport.Row {
    fileprivate func write(to w: inout PrettyJSONWriter) throws(PrettyJSONWriter.NonFiniteNumber) {
        w.openObject()
        w.key("bandEnd")
        w.string(bandEnd)
        w.key("bandEndTrueSolar")
        w.string(bandEndTrueSolar)
        w.key("bandMinutes")
        try w.double(bandMinutes)
        w.key("bandStart")
        w.string(bandStart)
        w.key("bandStartTrueSolar")
        w.string(bandStartTrueSolar)
        w.key("date")
        w.string(date)
        w.key("dayKind")
        w.string(dayKind)
        w.key("intervals")
        w.openArray()
        for interval in intervals { try interval.write(to: &w) }
        w.closeArray()
        w.key("longitude")
        w.int(longitude)
        w.key("meetsStandard")
        w.bool(meetsStandard)
        w.key("normative")
        w.bool(normative)
        w.key("requiredMinutes")
        try w.double(requiredMinutes)
        w.key("sunrise")
        w.string(sunrise)
        w.key("sunset")
        w.string(sunset)
        w.key("term")
        w.string(term)
        w.key("termEn")
        w.string(termEn)
        w.key("totalMinutes")
        try w.double(totalMinutes)
        w.closeObject()
    }
}

extension FlatTableReport.Interval {
    fileprivate func write(to w: inout PrettyJSONWriter) throws(PrettyJSONWriter.NonFiniteNumber) {
        w.openObject()
        w.key("blockedAfterBy")
        w.string(blockedAfterBy)
        w.key("blockedBeforeBy")
        w.string(blockedBeforeBy)
        w.key("end")
        w.string(end)
        w.key("endTrueSolar")
        w.string(endTrueSolar)
        w.key("minutes")
        try w.double(minutes)
        w.key("start")
        w.string(start)
        w.key("startTrueSolar")
        w.string(startTrueSolar)
        w.closeObject()
    }
}
