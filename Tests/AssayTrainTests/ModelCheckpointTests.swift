import Foundation
import Testing

import AssayTrain

@Suite("Policy checkpoints")
struct ModelCheckpointTests {
    private let config = PolicyConfig(vocabularySize: 9, embeddingSize: 4, hiddenSize: 6, layers: 2)

    private func trainedState() -> PolicyCheckpoint<Float> {
        var policy = GRUPolicy<Float>(config: config, seed: 1)
        var adam = Adam<Float>(config: config, learningRate: 0.01, weightDecay: 0.1)
        var gradients = PolicyGradients<Float>(config: config)
        _ = policy.supervisedLoss(prompts: [[1, 2]], completions: [[3, 4, 0]], into: &gradients)
        adam.update(&policy.parameters, with: gradients)
        return PolicyCheckpoint(parameters: policy.parameters, optimizer: adam)
    }

    @Test("a checkpoint with optimiser state round-trips exactly through a file")
    func roundTrip() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString).ckpt")
        defer { try? FileManager.default.removeItem(at: url) }
        let saved = trainedState()
        try saved.write(to: url)
        let loaded = try PolicyCheckpoint<Float>.read(from: url, expecting: config)
        #expect(loaded.parameters == saved.parameters)
        #expect(loaded.optimizer == saved.optimizer)
        #expect(loaded.optimizer?.step == 1)

        let bare = PolicyCheckpoint(parameters: saved.parameters)
        let decoded = try PolicyCheckpoint<Float>(decoding: bare.encoded())
        #expect(decoded.parameters == saved.parameters)
        #expect(decoded.optimizer == nil)
        #expect(bare.encoded().count < saved.encoded().count)
    }

    @Test("loading a checkpoint for another model shape is a clear error")
    func mismatchedConfig() {
        let other = PolicyConfig(vocabularySize: 9, embeddingSize: 4, hiddenSize: 8, layers: 2)
        let data = trainedState().encoded()
        #expect(throws: PolicyCheckpointError.configMismatch(expected: other, found: config)) {
            try PolicyCheckpoint<Float>(decoding: data, expecting: other)
        }
        let message = PolicyCheckpointError.configMismatch(expected: other, found: config).description
        #expect(message.contains("H=6") && message.contains("H=8"))
    }

    @Test("damaged files are rejected")
    func damaged() {
        let data = trainedState().encoded()
        #expect(throws: PolicyCheckpointError.truncated) {
            try PolicyCheckpoint<Float>(decoding: data.dropLast(3))
        }
        #expect(throws: PolicyCheckpointError.trailingBytes) {
            try PolicyCheckpoint<Float>(decoding: data + [0])
        }
        #expect(throws: PolicyCheckpointError.notACheckpoint) {
            try PolicyCheckpoint<Float>(decoding: Data("not a checkpoint".utf8))
        }
    }
}
