/// Which listings of a report go into which chunk on PostgreSQL: each chunk holds up to
/// ``PostgresReportChunks/size`` listings, a scene's listings together and a flat's listings
/// in one chunk (unless one flat alone has more than a chunk's worth).
///
/// Why not consecutive runs of the input: a listing website lists one flat on several sites,
/// anywhere in its file. The single-process runner computes each distinct flat once per
/// report; chunks cut from the input order recomputed a flat in every chunk that named it
/// (measured: 20,000 listings of 8,600 flats cost 20,000 tables on PostgreSQL), and each
/// chunk touched every scene its run of the input happened to mix.
enum ReportChunkPlan {
    /// The chunks as input positions (0-based), each ascending; every position is in exactly
    /// one chunk. Chunks follow the first appearance of their scenes and flats in the input.
    static func chunks(of listings: [ReportDefinition.Listing], size: Int) -> [[Int]] {
        let size = max(1, size)
        struct FlatKey: Hashable {
            var scene: String
            var building: String
            var floor: Int
            var unit: String
        }
        var sceneOrder: [String: Int] = [:]
        var groups: [[FlatKey]] = []  // per scene, its flats in order of first appearance
        var positions: [FlatKey: [Int]] = [:]
        for (i, l) in listings.enumerated() {
            let key = FlatKey(scene: l.scene, building: l.building, floor: l.floor, unit: l.unit)
            if positions[key] == nil {
                let s: Int
                if let known = sceneOrder[l.scene] {
                    s = known
                } else {
                    s = groups.count
                    sceneOrder[l.scene] = s
                    groups.append([])
                }
                groups[s].append(key)
            }
            positions[key, default: []].append(i)
        }
        var chunks: [[Int]] = []
        var current: [Int] = []
        for flat in groups.joined() {
            var seqs = positions[flat]![...]
            if current.count + seqs.count > size, !current.isEmpty {
                chunks.append(current.sorted())
                current = []
            }
            while seqs.count > size {  // one flat with more listings than a chunk: whole chunks of it
                chunks.append(Array(seqs.prefix(size)))
                seqs = seqs.dropFirst(size)
            }
            current += seqs
        }
        if !current.isEmpty { chunks.append(current.sorted()) }
        return chunks
    }
}
