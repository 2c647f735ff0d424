import Foundation

/// A resumable training state: the policy with its Adam state (one file) and, beside it, the reference policy
/// (`<path>.reference`) and the step (`<path>.json`).
public struct TrainingCheckpoint: Sendable {
    public var policy: PolicyParameters<Float>
    public var optimizer: Adam<Float>?
    public var reference: PolicyParameters<Float>
    public var step: Int

    public init(policy: PolicyParameters<Float>, optimizer: Adam<Float>?, reference: PolicyParameters<Float>, step: Int) {
        self.policy = policy
        self.optimizer = optimizer
        self.reference = reference
        self.step = step
    }

    public func write(_ path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try PolicyCheckpoint(parameters: policy, optimizer: optimizer).write(to: url)
        try PolicyCheckpoint(parameters: reference, optimizer: nil).write(to: URL(fileURLWithPath: path + ".reference"))
        try Data("{\"step\":\(step)}\n".utf8).write(to: URL(fileURLWithPath: path + ".json"))
    }

    /// Reads a checkpoint; a missing reference means the policy itself (a checkpoint written by hand or by `--eval`).
    public static func read(_ path: String, expecting config: PolicyConfig? = nil) throws -> TrainingCheckpoint {
        let main = try PolicyCheckpoint<Float>.read(from: URL(fileURLWithPath: path), expecting: config)
        let referencePath = path + ".reference"
        let reference = FileManager.default.fileExists(atPath: referencePath)
            ? try PolicyCheckpoint<Float>.read(from: URL(fileURLWithPath: referencePath), expecting: config).parameters : main.parameters
        var step = 0
        if let data = FileManager.default.contents(atPath: path + ".json"),
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any], let value = object["step"] as? Int
        {
            step = value
        }
        return TrainingCheckpoint(policy: main.parameters, optimizer: main.optimizer, reference: reference, step: step)
    }
}
