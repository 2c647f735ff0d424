"""Python client for the Assay reward server, with adapters for TRL and verl.

    from assay_client import AssayClient, Item
    client = AssayClient("http://127.0.0.1:8420")
    results = client.score([Item(completion="<think>…</think><answer>42</answer>", reference="42", group=0)],
                           rule="r1-zero-math", advantages="grpo")

Adapters: :mod:`assay_client.trl` (``reward_function`` for ``GRPOTrainer(reward_funcs=…)``) and
:mod:`assay_client.verl` (``compute_score`` / ``compute_score_batch`` for ``custom_reward_function``).
Standard library only; Python 3.9+.
"""

__version__ = "0.1.0"

from .client import ADVANTAGES, AssayClient, Item, ScoreResponse, group_key  # noqa: E402
from .errors import (  # noqa: E402
    AssayConnectionError,
    AssayError,
    AssayGroupTooLargeError,
    AssayHTTPError,
    AssayProtocolError,
    AssayRequestError,
    AssayServerError,
    UnknownRuleError,
)
from .gold import extract_gold_answer  # noqa: E402

__all__ = [
    "ADVANTAGES",
    "AssayClient",
    "AssayConnectionError",
    "AssayError",
    "AssayGroupTooLargeError",
    "AssayHTTPError",
    "AssayProtocolError",
    "AssayRequestError",
    "AssayServerError",
    "Item",
    "ScoreResponse",
    "UnknownRuleError",
    "extract_gold_answer",
    "group_key",
    "__version__",
]
