import AssayCore

/// The result cache's counters in the Prometheus text format, read from ``ResultCache/statistics`` at scrape
/// time (the cache counts for itself, so nothing has to be recorded per request).
///
/// `assay_cache_errors_total{op}` counts SQLite failures the cache swallowed while scoring went on without it:
/// `op="write"` per failed write batch (disk full, read-only file), `op="read"` per failed lookup. `assay_cache_enabled`
/// is 0 when the server runs without a cache (`--no-cache`, or a cache that could not be opened at start-up).
enum CacheMetrics {
    static func render(_ cache: ResultCache?) -> String {
        var out = "# HELP assay_cache_enabled 1 when a result cache is in use, 0 without one (--no-cache, or it could not be opened).\n"
        out += "# TYPE assay_cache_enabled gauge\n"
        out += "assay_cache_enabled \(cache == nil ? 0 : 1)\n"
        let stats = cache?.statistics ?? ResultCacheStatistics()
        out += "# HELP assay_cache_errors_total SQLite errors of the result cache; scoring went on uncached.\n"
        out += "# TYPE assay_cache_errors_total counter\n"
        out += "assay_cache_errors_total{op=\"read\"} \(stats.readErrors)\n"
        out += "assay_cache_errors_total{op=\"write\"} \(stats.writeErrors)\n"
        out += "# HELP assay_cache_writes_total Results committed to the cache.\n"
        out += "# TYPE assay_cache_writes_total counter\n"
        out += "assay_cache_writes_total \(stats.writes)\n"
        out += "# HELP assay_cache_dropped_writes_total Results not stored: their write batch failed, or too many were pending.\n"
        out += "# TYPE assay_cache_dropped_writes_total counter\n"
        out += "assay_cache_dropped_writes_total \(stats.droppedWrites)\n"
        out += "# HELP assay_cache_pending_writes Results waiting for the cache writer.\n"
        out += "# TYPE assay_cache_pending_writes gauge\n"
        out += "assay_cache_pending_writes \(stats.pendingWrites)\n"
        return out
    }
}
