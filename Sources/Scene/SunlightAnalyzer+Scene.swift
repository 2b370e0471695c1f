extension SunlightAnalyzer {
    /// Tables of every flat of the scene, computed on `workers` concurrent tasks.
    ///
    /// Output order is ``allFlats``' order whatever the scheduling, so two runs give
    /// identical results.
    public func allTables(workers: Int) async -> [FlatTable] {
        let flats = allFlats
        let workers = max(1, min(workers, flats.count))
        return await withTaskGroup(of: [(Int, FlatTable)].self) { group in
            for w in 0..<workers {
                group.addTask {
                    // Strided shares keep neighbouring (similar-cost) flats on different workers.
                    stride(from: w, to: flats.count, by: workers).compactMap { i in
                        (try? table(for: flats[i])).map { (i, $0) }
                    }
                }
            }
            var out = [FlatTable?](repeating: nil, count: flats.count)
            for await part in group { for (i, t) in part { out[i] = t } }
            return out.compactMap { $0 }
        }
    }
}
