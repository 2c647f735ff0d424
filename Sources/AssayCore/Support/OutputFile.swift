import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Opens an output file the way a shell redirect does: created if missing, truncated, written in place.
///
/// `FileManager.createFile(atPath:contents:)` writes a temporary file and renames it over the path, which
/// replaces a device or FIFO with a regular file — as root, `--output /dev/null` would destroy `/dev/null`.
public enum OutputFile {
    public struct OpenError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// A handle that writes `path` from its start (parent directories created when `createDirectories`).
    public static func open(_ path: String, createDirectories: Bool = true) throws(OpenError) -> FileHandle {
        if createDirectories {
            let parent = URL(fileURLWithPath: path).deletingLastPathComponent()
            try? FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        }
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OpenError(path: path, reason: String(cString: strerror(errno))) }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }
}
