import Foundation
import Testing

import AssayCore

/// A fresh directory under the system temp dir, removed by `cleanup()`.
private struct TempDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("assay-cache-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func cleanup() { try? FileManager.default.removeItem(at: url) }
}

private func key(_ index: Int) -> SHA256Digest { SHA256Digest.hash("request-\(index)") }
private func value(_ index: Int, version: Int = 0) -> Data { Data("result-\(index)-v\(version)".utf8) }

private struct FlushError: Error { let index: Int }

private func integrityCheck(_ path: String) throws -> String? {
    let db = try SQLiteConnection(path: path, mode: .readOnly)
    defer { db.close() }
    return try db.scalarText("PRAGMA integrity_check")
}

@Suite("ResultCache")
struct ResultCacheTests {
    @Test("store, flush, lookup round trip; misses are nil")
    func roundTrip() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let cache = try ResultCache(path: dir.path("nested/deeper/cache.sqlite"))
        defer { cache.close() }

        cache.store((0..<10).map { (key($0), value($0)) })
        cache.store(key(10), Data())  // an empty value is a hit, not a miss
        cache.flush()

        let results = cache.lookup([key(3), key(99), key(0), key(10), key(9)])
        #expect(results == [value(3), nil, value(0), Data(), value(9)])
        #expect(cache.lookup(key(42)) == nil)
        #expect(cache.lookup([]) == [])
        #expect(cache.entryCount() == 11)

        let stats = cache.statistics
        #expect(stats.hits == 4)
        #expect(stats.misses == 2)
        #expect(stats.writes == 11)
        #expect(stats.errors == 0)
        #expect(stats.pendingWrites == 0)
    }

    @Test("a later store replaces the value; duplicate keys keep the last")
    func overwrite() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let cache = try ResultCache(path: dir.path("cache.sqlite"))
        defer { cache.close() }

        cache.store(key(1), value(1, version: 1))
        cache.flush()
        #expect(cache.lookup(key(1)) == value(1, version: 1))

        cache.store([(key(1), value(1, version: 2)), (key(1), value(1, version: 3))])
        cache.flush()
        #expect(cache.lookup(key(1)) == value(1, version: 3))
        #expect(cache.entryCount() == 1)
    }

    @Test("entries survive close and reopen; close commits pending stores")
    func persistence() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let path = dir.path("cache.sqlite")
        do {
            let cache = try ResultCache(path: path)
            cache.store((0..<500).map { (key($0), value($0)) })
            cache.close()  // no explicit flush: close must commit what was pending
            #expect(cache.lookup(key(1)) == nil, "a closed cache answers misses")
            cache.store(key(1000), value(1000))
            #expect(cache.statistics.droppedWrites == 1)
            cache.close()  // a second close is harmless
        }
        #expect(!FileManager.default.fileExists(atPath: path + "-wal")
                    || ((try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0) == 0,
                "close checkpoints the WAL")

        let reopened = try ResultCache(path: path, readerCount: 1)
        defer { reopened.close() }
        #expect(reopened.entryCount() == 500)
        #expect(reopened.lookup([key(0), key(499), key(500)]) == [value(0), value(499), nil])
    }

    @Test("flush waits for every earlier store, including concurrent ones")
    func flushSemantics() async throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let cache = try ResultCache(path: dir.path("cache.sqlite"))
        defer { cache.close() }

        // Many small stores from several tasks; each task flushes and must then see its own writes.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<4 {
                group.addTask {
                    for round in 0..<50 {
                        let index = task * 1_000 + round
                        cache.store(key(index), value(index))
                        cache.flush()
                        let found = cache.lookup(key(index))
                        if found != value(index) {
                            throw FlushError(index: index)  // fails the test through the group
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(cache.statistics.pendingWrites == 0)
        #expect(cache.entryCount() == 200)

        // A big burst: after flush every entry is committed and nothing is pending.
        cache.store((0..<20_000).map { (key(100_000 + $0), value($0)) })
        cache.flush()
        #expect(cache.statistics.pendingWrites == 0)
        #expect(cache.entryCount() == 20_200)
        #expect(cache.statistics.writes == 20_200)
    }

    @Test("8 tasks x 2,000 store+lookup: exact count and integrity_check ok")
    func concurrentStress() async throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let path = dir.path("cache.sqlite")
        let cache = try ResultCache(path: path, readerCount: 2)

        let tasks = 8, perTask = 2_000
        let (hits, wrong) = await withTaskGroup(of: (Int, Int).self) { group in
            for task in 0..<tasks {
                group.addTask {
                    var seen = 0, wrong = 0
                    for index in 0..<perTask {
                        let id = task * perTask + index
                        cache.store(key(id), value(id))
                        // Look up this entry and an earlier one of this task; any hit must be correct.
                        let earlier = task * perTask + index / 2
                        let results = cache.lookup([key(id), key(earlier)])
                        if let hit = results[1] {
                            seen += 1
                            if hit != value(earlier) { wrong += 1 }
                        }
                        if let hit = results[0], hit != value(id) { wrong += 1 }
                    }
                    return (seen, wrong)
                }
            }
            return await group.reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
        }
        #expect(wrong == 0, "a lookup returned another key's value")
        cache.flush()

        let stats = cache.statistics
        #expect(stats.errors == 0)
        #expect(stats.droppedWrites == 0)
        #expect(stats.writes == tasks * perTask)
        #expect(stats.hits + stats.misses == tasks * perTask * 2)
        #expect(hits <= stats.hits)
        #expect(cache.entryCount() == tasks * perTask)
        let all = cache.lookup((0..<(tasks * perTask)).map(key))
        #expect(all.enumerated().allSatisfy { $0.element == value($0.offset) })
        cache.close()

        #expect(try integrityCheck(path) == "ok")
    }

    @Test("a file that is not a database gives a clear error")
    func notADatabase() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let path = dir.path("notes.txt")
        try Data(String(repeating: "this is certainly not an SQLite database\n", count: 100).utf8)
            .write(to: URL(fileURLWithPath: path))

        #expect {
            _ = try ResultCache(path: path)
        } throws: { error in
            guard case let .notADatabase(errorPath, underlying) = error as? ResultCacheError else { return false }
            return errorPath == path && underlying.isNotADatabase
                && "\(error)".contains("not an SQLite database")
        }
        // The file was not touched.
        let contents = try String(contentsOfFile: path, encoding: .utf8)
        #expect(contents.hasPrefix("this is certainly not"))
    }

    @Test("another schema version or another program's database is rejected")
    func incompatibleSchema() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }

        let newer = dir.path("newer.sqlite")
        do {
            let cache = try ResultCache(path: newer)
            cache.close()
            let db = try SQLiteConnection(path: newer)
            try db.execute("PRAGMA user_version=99")
            db.close()
        }
        #expect {
            _ = try ResultCache(path: newer)
        } throws: { error in
            guard case let .incompatibleSchema(_, found, expected, _) = error as? ResultCacheError else { return false }
            return found == 99 && expected == 1 && "\(error)".contains("schema version 99")
        }

        let foreign = dir.path("foreign.sqlite")
        do {
            let db = try SQLiteConnection(path: foreign)
            try db.execute("CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT)")
            db.close()
        }
        #expect(throws: ResultCacheError.self) {
            _ = try ResultCache(path: foreign)
        }
    }

    @Test("SQLiteConnection reports errors with code and message")
    func sqliteErrors() throws {
        let dir = try TempDirectory()
        defer { dir.cleanup() }
        let db = try SQLiteConnection(path: dir.path("plain.sqlite"))
        defer { db.close() }
        try db.execute("CREATE TABLE t(k BLOB PRIMARY KEY, v TEXT NOT NULL)")

        let insert = try db.prepare("INSERT INTO t(k, v) VALUES (?1, ?2)", persistent: true)
        try insert.bind(blob: key(1), at: 1)
        try insert.bind(text: "héllo", at: 2)
        try insert.run()
        try insert.bind(blob: key(1), at: 1)
        do {
            try insert.run()
            Issue.record("duplicate primary key was accepted")
        } catch {
            #expect(error.code == 19)  // SQLITE_CONSTRAINT
            #expect(error.extendedCode == 1555)  // SQLITE_CONSTRAINT_PRIMARYKEY
            #expect(error.message.contains("UNIQUE constraint failed"))
        }

        let select = try db.prepare("SELECT v, k FROM t")
        #expect(try select.step())
        #expect(select.text(at: 0) == "héllo")
        #expect(select.data(at: 1) == Data(key(1).bytes))
        #expect(try !select.step())

        #expect(throws: SQLiteError.self) { try db.execute("SELEKT 1") }
        #expect(throws: SQLiteError.self) { _ = try db.prepare("SELECT * FROM missing") }
    }
}
