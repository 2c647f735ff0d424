"""Reference answers from dataset columns that hold a whole worked solution.

Datasets often store whole solutions where the gold answer belongs (NuminaMath and MATH ``solution``, GSM8K
``answer`` ending in ``#### 72``). The server's math verifier (version 2 and later) reduces such a reference to
its final answer itself; the adapters also pass gold strings through :func:`extract_gold_answer` (unless told
not to), so that rules whose verifiers take the reference verbatim, and older servers, see the short answer too.
"""

from __future__ import annotations

from typing import Any, Optional


def _last_boxed(text: str) -> Optional[str]:
    """Content of the last ``\\boxed{…}`` / ``\\fbox{…}`` with balanced braces, or None."""
    starts = []
    for macro in ("\\boxed", "\\fbox"):
        pos = text.find(macro)
        while pos != -1:
            starts.append((pos, pos + len(macro)))
            pos = text.find(macro, pos + 1)
    for _, i in sorted(starts, reverse=True):
        while i < len(text) and text[i] == " ":
            i += 1
        if i >= len(text) or text[i] != "{":
            continue
        depth = 0
        for j in range(i, len(text)):
            if text[j] == "{":
                depth += 1
            elif text[j] == "}":
                depth -= 1
                if depth == 0:
                    return text[i + 1:j].strip()
    return None


def extract_gold_answer(gold: Any) -> Any:
    """The final answer inside a gold string, or the gold unchanged.

    * the content of the last ``\\boxed{…}`` (or ``\\fbox{…}``), braces balanced;
    * else the text after the last ``####`` (GSM8K), with thousands separators removed;
    * else the gold as given (already a short answer, or not a string).
    """
    if not isinstance(gold, str):
        return gold
    boxed = _last_boxed(gold)
    if boxed:
        return boxed
    if "####" in gold:
        tail = gold.rsplit("####", 1)[1].strip()
        if tail:
            return tail.replace(",", "")
    return gold
