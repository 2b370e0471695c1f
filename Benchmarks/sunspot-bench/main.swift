import SolarCore
let site = GeoSite(latitude: 39.742476, longitude: -105.1786, heightMeters: 1830.14)
let mst = FixedOffsetZone(hours: -7)
let d = CivilDate(year: 2003, month: 10, day: 17)
let day = SolarDay(site: site, date: d, zone: mst)
for s in [6*3600+12*60+43, 12*3600, 17*3600+18*60+51, 17*3600+20*60+19] {
  let t = mst.instant(date: d, secondsOfDay: Double(s))
  print(s, SolarPosition(at: t, site: site).geometricElevationDegrees, day.position(at: t).geometricElevationDegrees)
}
