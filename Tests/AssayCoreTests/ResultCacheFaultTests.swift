import Foundation
import Synchronization
import Testing

import AssayCore

/// A cache whose disk fills up or whose file cannot be written: requests must keep being answered
/// (lookups miss, stores are dropped), each kind of failure is counted and warned about once, and
/// start-up failures say whether running uncached is allowed. The disk-full case mounts a small tmpfs,
/// so it needs root.
@Suite("ResultCache faults", .serialized)
struct ResultCacheFaultTests {
    static let isRoot = getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/bin/mount")

    /// Collects the lines a cache passes to its `warn` sink.
    final class WarningLog: Sendable {
        private let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }
        var sink: @Sendable (String) -> Void { { line in self.lines.withLock { $0.append(line) } } }
    }

    static func run(_ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    static func key(_ i: Int) -> SHA256Digest { SHA256Digest.hash("fault-\(i)") }
    /// ~1 KB values so a few hundred entries fill a small disk.
    static func value(_ i: Int) -> Data { Data(String(repeating: "v\(i % 10)", count: 512).utf8) }

    /// Fills the filesystem of `directory` with a file of zeros until the disk is full.
    static func fill(_ directory: String) {
        let path = directory + "/filler"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else { return }
        let chunk = Data(count: 64 << 10)
        while (try? handle.write(contentsOf: chunk)) != nil {}
        // Top up the last partial page.
        while (try? handle.write(contentsOf: Data(count: 512))) != nil {}
        try? handle.close()
    }

    @Test("disk full: writes fail and are counted, one warning, lookups still answer; freeing space recovers",
          .enabled(if: isRoot, "needs root to mount a tmpfs"))
    func diskFull() throws {
        let directory = NSTemporaryDirectory() + "assay-cache-full-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try #require(Self.run(["/bin/mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", directory]) == 0)
        defer {
            _ = Self.run(["/bin/umount", directory])
            try? FileManager.default.removeItem(atPath: directory)
        }
        let log = WarningLog()
        let cache = try ResultCache(path: directory + "/cache.sqlite", warn: log.sink)
        cache.store((0..<50).map { (Self.key($0), Self.value($0)) })
        cache.flush()
        #expect(cache.statistics.writes == 50)

        Self.fill(directory)
        // Many batches, each bigger than what is left: every one of them fails.
        for round in 0..<20 {
            cache.store((0..<100).map { (Self.key(1000 + round * 100 + $0), Self.value($0)) })
            cache.flush()
        }
        let stats = cache.statistics
        #expect(stats.writeErrors >= 1, "\(stats)")
        #expect(stats.droppedWrites >= 100, "\(stats)")
        #expect(stats.errors == stats.readErrors + stats.writeErrors)
        #expect(log.all.count == 1, "one warning for all failed writes: \(log.all)")
        #expect(log.all.first?.contains("write failed") == true, "\(log.all)")

        // What was committed before the disk filled is still served; new keys are misses, not errors.
        let found = cache.lookup([Self.key(0), Self.key(49), Self.key(1000)])
        #expect(found == [Self.value(0), Self.value(49), nil])
        #expect(cache.statistics.readErrors == 0)

        // Space comes back: writes work again without a restart, and no second warning is logged.
        try FileManager.default.removeItem(atPath: directory + "/filler")
        cache.store((0..<10).map { (Self.key(5000 + $0), Self.value($0)) })
        cache.flush()
        #expect(cache.lookup(Self.key(5009)) == Self.value(9))
        #expect(log.all.count == 1)
        cache.close()

        let check = try SQLiteConnection(path: directory + "/cache.sqlite", mode: .readOnly)
        #expect(try check.scalarText("PRAGMA integrity_check") == "ok")
        check.close()
    }

    @Test("a read-only filesystem fails at open with an error that allows running uncached",
          .enabled(if: isRoot, "needs root to mount a tmpfs"))
    func readOnlyFilesystem() throws {
        let directory = NSTemporaryDirectory() + "assay-cache-ro-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try #require(Self.run(["/bin/mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", directory]) == 0)
        defer {
            _ = Self.run(["/bin/umount", directory])
            try? FileManager.default.removeItem(atPath: directory)
        }
        // A cache with entries, closed cleanly (no -wal or -shm left), then the filesystem goes read-only.
        let cache = try ResultCache(path: directory + "/cache.sqlite")
        cache.store(Self.key(1), Self.value(1))
        cache.close()
        try #require(Self.run(["/bin/mount", "-o", "remount,ro", directory]) == 0)
        do {
            _ = try ResultCache(path: directory + "/cache.sqlite")
            Issue.record("a cache on a read-only filesystem must not open for writing")
        } catch let error as ResultCacheError {
            #expect(error.allowsRunningUncached, "\(error)")
        }
        #expect(FileManager.default.fileExists(atPath: directory + "/cache.sqlite"))
    }

    @Test("start-up errors: environment failures allow running uncached, a foreign file does not")
    func startUpErrorClassification() throws {
        let directory = NSTemporaryDirectory() + "assay-cache-open-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // The parent "directory" is a regular file: it cannot be created.
        try Data("x".utf8).write(to: URL(fileURLWithPath: directory + "/file"))
        do {
            _ = try ResultCache(path: directory + "/file/cache.sqlite")
            Issue.record("opened a cache under a regular file")
        } catch let error as ResultCacheError {
            #expect(error.allowsRunningUncached, "\(error)")
        }
        // A file that is not a database is a configuration mistake: refuse.
        try Data(String(repeating: "not sqlite\n", count: 100).utf8).write(to: URL(fileURLWithPath: directory + "/text.sqlite"))
        do {
            _ = try ResultCache(path: directory + "/text.sqlite")
            Issue.record("opened a text file as a cache")
        } catch let error as ResultCacheError {
            #expect(!error.allowsRunningUncached, "\(error)")
        }
    }
}
