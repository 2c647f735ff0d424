import Foundation

/// Policy weights, and optionally the optimiser state, as a file.
///
/// Layout: the 8-byte magic `ASSAYGRU`, a little-endian `UInt32` format version, a little-endian `UInt32` header
/// length, a JSON header (config, tensor names and shapes, optimiser hyperparameters and step), then little-endian
/// Float32 data: all parameters in `config.tensors` order, followed by Adam's first and second moments if present.
public struct PolicyCheckpoint<Scalar: PolicyScalar>: Sendable {
    public var parameters: PolicyParameters<Scalar>
    public var optimizer: Adam<Scalar>?

    /// The file format version this build writes and reads.
    public static var formatVersion: Int { 1 }
    static var magic: [UInt8] { Array("ASSAYGRU".utf8) }

    public init(parameters: PolicyParameters<Scalar>, optimizer: Adam<Scalar>? = nil) {
        if let optimizer { precondition(optimizer.firstMoment.count == parameters.values.count, "optimiser state size") }
        self.parameters = parameters
        self.optimizer = optimizer
    }

    /// The checkpoint as bytes.
    public func encoded() -> Data {
        let config = parameters.config
        let header = Header(
            config: config, tensors: config.tensors.map { .init(name: $0.name, shape: $0.shape) },
            optimizer: optimizer.map {
                .init(
                    learningRate: $0.learningRate, beta1: $0.beta1, beta2: $0.beta2, epsilon: $0.epsilon,
                    weightDecay: $0.weightDecay, step: $0.step)
            })
        let headerBytes = (try? JSONEncoder.sorted.encode(header)) ?? Data()
        var data = Data(Self.magic)
        data.appendLittleEndian(UInt32(Self.formatVersion))
        data.appendLittleEndian(UInt32(headerBytes.count))
        data.append(headerBytes)
        data.appendFloat32(parameters.values)
        if let optimizer {
            data.appendFloat32(optimizer.firstMoment)
            data.appendFloat32(optimizer.secondMoment)
        }
        return data
    }

    /// Decodes a checkpoint; with `expecting`, a checkpoint of another shape is an error.
    public init(decoding data: Data, expecting expected: PolicyConfig? = nil) throws(PolicyCheckpointError) {
        var reader = ByteReader(bytes: [UInt8](data))
        guard try reader.take(Self.magic.count) == Self.magic else { throw .notACheckpoint }
        let version = Int(try reader.littleEndianUInt32())
        guard version == Self.formatVersion else {
            throw .unsupportedVersion(found: version, supported: Self.formatVersion)
        }
        let headerLength = Int(try reader.littleEndianUInt32())
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(try reader.take(headerLength)))
        } catch let error as PolicyCheckpointError {
            throw error
        } catch {
            throw .malformedHeader(String(describing: error))
        }
        let sizes = [header.config.vocabularySize, header.config.embeddingSize, header.config.hiddenSize, header.config.layers]
        guard sizes.allSatisfy({ $0 > 0 && $0 < 1 << 20 }) else {
            throw .malformedHeader("implausible sizes \(header.config)")
        }
        if let expected, expected != header.config {
            throw .configMismatch(expected: expected, found: header.config)
        }
        guard header.tensors == header.config.tensors.map({ .init(name: $0.name, shape: $0.shape) }) else {
            throw .malformedHeader("the tensor list does not match the config \(header.config)")
        }
        let count = header.config.parameterCount
        parameters = PolicyParameters(config: header.config, values: try reader.float32(count))
        if let state = header.optimizer {
            var adam = Adam<Scalar>(
                config: header.config, learningRate: state.learningRate, beta1: state.beta1, beta2: state.beta2,
                epsilon: state.epsilon, weightDecay: state.weightDecay)
            adam.step = state.step
            adam.firstMoment = try reader.float32(count)
            adam.secondMoment = try reader.float32(count)
            optimizer = adam
        } else {
            optimizer = nil
        }
        guard reader.isAtEnd else { throw .trailingBytes }
    }

    /// Writes the checkpoint atomically.
    public func write(to url: URL) throws {
        try encoded().write(to: url, options: .atomic)
    }

    /// Reads a checkpoint file; with `expecting`, a checkpoint of another shape is an error.
    public static func read(from url: URL, expecting expected: PolicyConfig? = nil) throws -> PolicyCheckpoint {
        try PolicyCheckpoint(decoding: try Data(contentsOf: url), expecting: expected)
    }

    struct Header: Codable {
        struct Tensor: Codable, Equatable {
            let name: String
            let shape: [Int]
        }

        struct Optimizer: Codable {
            let learningRate, beta1, beta2, epsilon, weightDecay: Double
            let step: Int
        }

        let config: PolicyConfig
        let tensors: [Tensor]
        let optimizer: Optimizer?
    }

    private struct ByteReader {
        let bytes: [UInt8]
        var position = 0

        var isAtEnd: Bool { position == bytes.count }

        mutating func take(_ count: Int) throws(PolicyCheckpointError) -> [UInt8] {
            guard count >= 0, bytes.count - position >= count else { throw .truncated }
            defer { position += count }
            return Array(bytes[position..<(position + count)])
        }

        mutating func littleEndianUInt32() throws(PolicyCheckpointError) -> UInt32 {
            try take(4).reversed().reduce(0) { $0 << 8 | UInt32($1) }
        }

        mutating func float32(_ count: Int) throws(PolicyCheckpointError) -> [Scalar] {
            let raw = try take(4 * count)
            return (0..<count).map { index in
                let base = 4 * index
                let bits = UInt32(raw[base]) | UInt32(raw[base + 1]) << 8 | UInt32(raw[base + 2]) << 16
                    | UInt32(raw[base + 3]) << 24
                return Scalar(Float(bitPattern: bits))
            }
        }
    }
}

/// Why a policy checkpoint could not be read.
public enum PolicyCheckpointError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    case notACheckpoint
    case unsupportedVersion(found: Int, supported: Int)
    case malformedHeader(String)
    case truncated
    case trailingBytes
    /// The checkpoint holds a model of another shape than the one asked for.
    case configMismatch(expected: PolicyConfig, found: PolicyConfig)

    public var description: String {
        switch self {
        case .notACheckpoint: "Policy checkpoint: not a policy checkpoint (bad magic)"
        case let .unsupportedVersion(found, supported):
            "Policy checkpoint: format version \(found), but this build reads version \(supported)"
        case let .malformedHeader(detail): "Policy checkpoint: malformed header (\(detail))"
        case .truncated: "Policy checkpoint: the file ends early"
        case .trailingBytes: "Policy checkpoint: unexpected bytes after the data"
        case let .configMismatch(expected, found):
            "Policy checkpoint: the checkpoint is for a model with \(found), but \(expected) was expected"
        }
    }

    public var errorDescription: String? { description }
}

extension Data {
    fileprivate mutating func appendLittleEndian(_ value: UInt32) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    fileprivate mutating func appendFloat32<S: PolicyScalar>(_ values: [S]) {
        var bytes = [UInt8](repeating: 0, count: 4 * values.count)
        for (index, value) in values.enumerated() {
            let bits = Float(value).bitPattern
            for shift in 0..<4 { bytes[4 * index + shift] = UInt8(truncatingIfNeeded: bits >> (8 * shift)) }
        }
        append(contentsOf: bytes)
    }
}

extension JSONEncoder {
    fileprivate static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
