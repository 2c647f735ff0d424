/// Runs `body` over `inputs` with at most `width` at a time (more would only queue for the pool's workers,
/// spending their item deadlines waiting), returning the results in completion order.
func concurrently<Input: Sendable, Output: Sendable>(
    _ inputs: [Input], width: Int = 4, _ body: @escaping @Sendable (Input) async throws -> Output
) async throws -> [Output] {
    var out: [Output] = []
    for start in stride(from: 0, to: inputs.count, by: width) {
        try await withThrowingTaskGroup(of: Output.self) { group in
            for input in inputs[start..<min(start + width, inputs.count)] { group.addTask { try await body(input) } }
            for try await value in group { out.append(value) }
        }
    }
    return out
}
