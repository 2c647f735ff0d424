import AssayCore
import Foundation
import Testing

/// Output files are written in place, as a shell redirect would: never replaced by a renamed temporary file
/// (which would turn `--output /dev/null` into a regular file when run as root).
@Suite struct OutputFileTests {
    @Test func writesThroughASymlinkAndKeepsIt() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("assay-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("target.txt").path
        let link = dir.appendingPathComponent("link.txt").path
        try Data("old content that is longer".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)

        let handle = try OutputFile.open(link)
        try handle.write(contentsOf: Data("new".utf8))
        try handle.close()

        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "new")
    }

    @Test func createsMissingFilesAndDirectories() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("assay-output-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("a/b/out.jsonl").path
        let handle = try OutputFile.open(path)
        try handle.write(contentsOf: Data("x\n".utf8))
        try handle.close()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "x\n")
    }

    @Test func writesToTheNullDeviceWithoutReplacingIt() throws {
        let handle = try OutputFile.open("/dev/null", createDirectories: false)
        try handle.write(contentsOf: Data("discarded".utf8))
        try handle.close()
        var info = stat()
        #expect(stat("/dev/null", &info) == 0)
        #expect(info.st_mode & S_IFMT == S_IFCHR)
    }

    @Test func anUnwritablePathIsAnErrorNamingIt() {
        #expect(throws: OutputFile.OpenError.self) { _ = try OutputFile.open("/proc/assay-no-such-dir/out", createDirectories: false) }
    }
}
