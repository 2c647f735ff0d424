import Foundation

/// The Python baseline that `assay bench-engine` runs side by side: open-r1's `format_reward` regex plus a
/// script-ratio language share, scored in-process in one Python interpreter (as a Python reward function in a trainer is).
public enum PythonR1Baseline {
    /// Reads JSONL items from argv[1], scores them `repeats` times, prints JSON timings on stdout.
    public static let source = #"""
        import json, re, sys, time

        # open-r1 src/open_r1/rewards.py format_reward: re.match(pattern, content, re.DOTALL | re.MULTILINE)
        FORMAT = re.compile(r"^<think>\n.*?\n</think>\n<answer>\n.*?\n</answer>$", re.DOTALL | re.MULTILINE)
        THINK = re.compile(r"<think>(.*?)</think>", re.DOTALL)
        WORD = re.compile(r"[^\W\d_]+")

        def language_share(text):
            # open-r1 has no language reward; this is the usual script-ratio stand-in (ASCII-letter words / all words).
            words = WORD.findall(text)
            if not words:
                return 1.0
            return sum(1 for w in words if w.isascii()) / len(words)

        def r1_reward(completion):
            fmt = 1.0 if FORMAT.match(completion) else 0.0
            m = THINK.search(completion)
            lang = language_share(m.group(1) if m else completion)
            return fmt + 0.5 * lang * fmt

        def main():
            path, repeats = sys.argv[1], int(sys.argv[2])
            with open(path, encoding="utf-8") as f:
                completions = [json.loads(line)["completion"] for line in f if line.strip()]
            best = None
            total = 0.0
            for _ in range(repeats):
                t0 = time.perf_counter()
                rewards = [r1_reward(c) for c in completions]
                dt = time.perf_counter() - t0
                best = dt if best is None else min(best, dt)
            total = sum(rewards)
            print(json.dumps({"items": len(completions), "best_seconds": best, "reward_sum": total}))

        main()
        """#
}
