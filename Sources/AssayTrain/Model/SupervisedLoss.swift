extension GRUPolicy {
    /// The mean negative log-likelihood of all completion tokens in the batch (teacher forcing), for supervised
    /// warm-up; adds its gradient to `gradients` and returns the loss. An empty batch has loss 0.
    @specialized(where Scalar == Float)
    public func supervisedLoss(
        prompts: [[Int]], completions: [[Int]], into gradients: inout PolicyGradients<Scalar>
    ) -> Scalar {
        let evaluation = evaluate(prompts: prompts, completions: completions)
        guard evaluation.tokenCount > 0 else { return 0 }
        let count = Scalar(evaluation.tokenCount)
        let loss = -evaluation.logprobs.joined().reduce(0, +) / count
        evaluation.backward(
            logprobGradients: evaluation.logprobs.map { $0.map { _ in -1 / count } }, into: &gradients)
        return loss
    }
}
