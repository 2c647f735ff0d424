/// A zero-initialised heap block of scalars with a stable address, for activations and scratch space.
///
/// It is written only by the pass that creates it and read-only afterwards, which is what makes sharing it safe.
final class ScalarBuffer<S: PolicyScalar>: @unchecked Sendable {
    let count: Int
    let pointer: UnsafeMutablePointer<S>

    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    deinit { pointer.deallocate() }

    /// Element `row × width + column` onwards.
    func row(_ row: Int, width: Int) -> UnsafeMutablePointer<S> { pointer + row * width }
}
