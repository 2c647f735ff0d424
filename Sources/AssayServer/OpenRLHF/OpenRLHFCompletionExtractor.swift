import Foundation

/// Recovers the completion from an OpenRLHF `query`.
///
/// OpenRLHF sends `query` = the prompt plus the response, decoded with special tokens kept
/// (`skip_special_tokens=False`), and `prompts` = the prompt text as fed to the model (chat template applied).
/// Its own example reward functions take `query[len(prompt):]`. This does the same, and also handles what
/// older versions send:
///
/// 1. Special tokens (pad, EOS, end-of-turn) at the start are dropped: OpenRLHF ≤ 0.5 decoded left-padded batches,
///    so a query may begin with runs of the pad token (`<|endoftext|>` for Qwen).
/// 2. The completion is what follows the prompt: at the start of the query, or else after its first occurrence.
/// 3. Without a prompt (the oldest clients sent `query` only) or when the prompt is not in the query, it is what
///    follows the last assistant marker of a known chat template (ChatML, Llama 3, DeepSeek, Gemma, Phi-3),
///    or the whole query when there is none; ``Extraction/source`` says which.
/// 4. Special tokens at the end are dropped, repeatedly (`…<|im_end|>` + right padding), and so is a trailing
///    truncation artefact of whitespace between them.
public struct OpenRLHFCompletionExtractor: Sendable, Hashable {
    /// Tokens removed from both ends of the completion.
    public var specialTokens: [String]

    public static let defaultSpecialTokens = [
        "<|im_end|>", "<|endoftext|>", "<|eot_id|>", "<|end_of_text|>", "<|finetune_right_pad_id|>", "</s>", "<s>",
        "<｜end▁of▁sentence｜>", "<｜begin▁of▁sentence｜>", "<|end|>", "<end_of_turn>", "<eos>", "<pad>", "[PAD]",
    ]

    /// Assistant-turn openers of common chat templates, for queries whose prompt is unknown.
    public static let assistantMarkers = [
        "<|im_start|>assistant\n", "<|start_header_id|>assistant<|end_header_id|>\n\n", "<｜Assistant｜>",
        "<start_of_turn>model\n", "<|assistant|>\n",
    ]

    public init(extraSpecialTokens: [String] = []) {
        specialTokens = Self.defaultSpecialTokens + extraSpecialTokens.filter { !$0.isEmpty }
    }

    /// Where the completion was cut from.
    public enum Source: String, Sendable {
        /// After the request's prompt (the normal case).
        case prompt
        /// After the last assistant marker of a chat template (no prompt, or the prompt was not in the query).
        case assistantMarker = "assistant_marker"
        /// The whole query (no prompt and no marker).
        case wholeQuery = "whole_query"
    }

    public struct Extraction: Sendable, Hashable {
        public var completion: String
        public var source: Source

        public init(completion: String, source: Source) {
            self.completion = completion
            self.source = source
        }
    }

    public func extract(query: String, prompt: String?) -> Extraction {
        let body = stripLeading(Substring(query))
        if let prompt, !prompt.isEmpty, let range = body.range(of: stripLeading(Substring(prompt))) {
            return Extraction(completion: stripTrailing(body[range.upperBound...]), source: .prompt)
        }
        let markerEnds = Self.assistantMarkers.compactMap { body.range(of: $0, options: .backwards)?.upperBound }
        if let last = markerEnds.max() { return Extraction(completion: stripTrailing(body[last...]), source: .assistantMarker) }
        return Extraction(completion: stripTrailing(body), source: .wholeQuery)
    }

    private func stripLeading(_ text: Substring) -> Substring {
        var rest = text
        while let token = specialTokens.first(where: { rest.hasPrefix($0) }) { rest = rest.dropFirst(token.count) }
        return rest
    }

    private func stripTrailing(_ text: Substring) -> String {
        var rest = text
        while let token = specialTokens.first(where: { rest.hasSuffix($0) }) {
            rest = rest.dropLast(token.count)
            // whitespace between two special tokens (`<|im_end|>\n<|endoftext|>`) goes with them
            var trimmed = rest
            while let last = trimmed.last, last == "\n" || last == " " { trimmed = trimmed.dropLast() }
            if specialTokens.contains(where: { trimmed.hasSuffix($0) }) { rest = trimmed }
        }
        return String(rest)
    }
}
