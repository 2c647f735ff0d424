"""Assay rewards as a verl ``custom_reward_function``.

verl loads ``custom_reward_function.path`` / ``.name`` from its config and calls, per reward manager
(checked against the public verl source, ``verl/workers/reward_manager/``):

* ``naive`` (default; ``naive.py``), once per sample::

      score = self.compute_score(data_source=data_source, solution_str=response_str,
                                 ground_truth=ground_truth, extra_info=extra_info)

* ``batch`` (``batch.py``, ``reward_model.reward_manager=batch``), once per batch::

      scores = self.compute_score(data_sources=data_sources, solution_strs=responses_str,
                                  ground_truths=ground_truths, extra_infos=extras, **self.reward_kwargs)

  ``custom_reward_function.reward_kwargs`` are merged into both calls as extra keywords.

Use :func:`compute_score_batch` with the batch manager: one HTTP request per training batch instead of one
per sample. Both read the server from ``ASSAY_URL`` (comma-separated for replicas; default
``http://127.0.0.1:8420``) and the rule from ``ASSAY_RULE`` (default ``r1-zero-math``), ``ASSAY_TASK``
(default ``math``), or from ``url=``/``rule=``/``task=`` keywords (``reward_kwargs``), or use
:func:`make_compute_score` / :func:`make_compute_score_batch`.

Every item returns a dict with the same keys (verl logs each key as a column and needs equal-length lists):

========== =============================================================================================
key        value
========== =============================================================================================
score      the rule's reward (float); **0.0 when status is not "ok"** (verl has no "no reward" value)
acc        1.0 if the ``accuracy`` component's verdict is ``correct``, else 0.0 (also 0.0 if the rule
           has no ``accuracy`` component)
format     the ``format`` component's score (1.0/0.0 for the R1 format), else 0.0
status_ok  1.0 if the item's status is ``ok``, else 0.0 — filter on it: a 0.0 score with
           ``status_ok == 0`` is a limit/timeout/error/invalid item, not a wrong answer
========== =============================================================================================

This differs from the TRL adapter, which returns None (NaN) for non-ok items so TRL can ignore them.
GRPO advantages are verl's job (``algorithm.adv_estimator=grpo``), so the adapter requests none.
"""

from __future__ import annotations

import hashlib
import os
import threading
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from .client import AssayClient
from .gold import extract_gold_answer

KEYS: Tuple[str, ...] = ("score", "acc", "format", "status_ok")
DEFAULT_URL = "http://127.0.0.1:8420"
DEFAULT_RULE = "r1-zero-math"

_clients: Dict[Tuple[str, str], AssayClient] = {}
_clients_lock = threading.Lock()


def _client_for(url: Optional[str], **options: Any) -> AssayClient:
    url = url or os.environ.get("ASSAY_URL") or DEFAULT_URL
    if "timeout" not in options and os.environ.get("ASSAY_TIMEOUT"):
        options["timeout"] = float(os.environ["ASSAY_TIMEOUT"])
    key = (url, repr(sorted(options.items())))
    with _clients_lock:
        client = _clients.get(key)
        if client is None:
            client = _clients[key] = AssayClient(url, **options)
        return client


def to_verl_dict(result: Dict[str, Any]) -> Dict[str, float]:
    """The stable ``{"score", "acc", "format", "status_ok"}`` dict of one Assay result."""
    ok = result.get("status") == "ok"
    components = result.get("components") or {}
    accuracy = components.get("accuracy") or {}
    fmt = components.get("format") or {}
    reward = result.get("reward")
    fmt_score = fmt.get("score") if ok else None
    return {
        "score": float(reward) if ok and reward is not None else 0.0,
        "acc": 1.0 if ok and accuracy.get("verdict") == "correct" else 0.0,
        "format": float(fmt_score) if isinstance(fmt_score, (int, float)) else 0.0,
        "status_ok": 1.0 if ok else 0.0,
    }


def _item(solution_str: Any, ground_truth: Any, extra_info: Any, task: Optional[str],
          extract_gold: bool, index: int) -> Dict[str, Any]:
    extra = extra_info if isinstance(extra_info, dict) else {}
    gold = extract_gold_answer(ground_truth) if extract_gold else ground_truth
    item: Dict[str, Any] = {"id": index, "completion": solution_str, "reference": {"answer": gold}}
    item_task = extra.get("task") if isinstance(extra.get("task"), str) else task
    if item_task:
        item["task"] = item_task
    question = extra.get("question") if isinstance(extra.get("question"), str) else None
    if question is not None:
        item["prompt"] = question
    key = question if question is not None else f"{gold!r}"
    item["group"] = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]  # replica affinity only
    return item


def _score(items: List[Dict[str, Any]], url: Optional[str], rule: Optional[str],
           client: Optional[AssayClient]) -> List[Dict[str, float]]:
    client = client or _client_for(url)
    rule = rule or os.environ.get("ASSAY_RULE") or DEFAULT_RULE
    results = client.score(items, rule=rule, advantages="none")
    return [to_verl_dict(r) for r in results]


def compute_score(data_source: Any, solution_str: str, ground_truth: Any, extra_info: Any = None, *,
                  url: Optional[str] = None, rule: Optional[str] = None, task: Optional[str] = None,
                  extract_gold: bool = True, **_ignored: Any) -> Dict[str, float]:
    """verl ``compute_score`` for one sample (naive/prime reward managers). See the module docs for keys.

    ``data_source`` is accepted for verl's signature and not used (pick the rule with ``rule=``).
    """
    task = task if task is not None else os.environ.get("ASSAY_TASK", "math")
    return _score([_item(solution_str, ground_truth, extra_info, task, extract_gold, 0)], url, rule, None)[0]


def compute_score_batch(data_sources: Sequence[Any], solution_strs: Sequence[str], ground_truths: Sequence[Any],
                        extra_infos: Optional[Sequence[Any]] = None, *, url: Optional[str] = None,
                        rule: Optional[str] = None, task: Optional[str] = None, extract_gold: bool = True,
                        **_ignored: Any) -> List[Dict[str, float]]:
    """verl ``compute_score`` for ``reward_model.reward_manager=batch``: one dict per sample, in order."""
    n = len(solution_strs)
    if len(ground_truths) != n:
        raise ValueError(f"{len(ground_truths)} ground truths for {n} solutions")
    task = task if task is not None else os.environ.get("ASSAY_TASK", "math")
    extras = list(extra_infos) if extra_infos is not None else [None] * n
    items = [_item(solution_strs[i], ground_truths[i], extras[i] if i < len(extras) else None, task,
                   extract_gold, i) for i in range(n)]
    return _score(items, url, rule, None)


def make_compute_score(url: Optional[str] = None, rule: Optional[str] = None, *, task: Optional[str] = "math",
                       extract_gold: bool = True, **client_options: Any) -> Callable[..., Dict[str, float]]:
    """A per-sample ``compute_score`` bound to one server and rule (``client_options`` go to AssayClient)."""
    client = _client_for(url, **client_options)

    def assay_compute_score(data_source: Any, solution_str: str, ground_truth: Any, extra_info: Any = None,
                            **_ignored: Any) -> Dict[str, float]:
        item = _item(solution_str, ground_truth, extra_info, task, extract_gold, 0)
        return _score([item], None, rule, client)[0]

    return assay_compute_score


def make_compute_score_batch(url: Optional[str] = None, rule: Optional[str] = None, *,
                             task: Optional[str] = "math", extract_gold: bool = True,
                             **client_options: Any) -> Callable[..., List[Dict[str, float]]]:
    """A batch ``compute_score`` (``reward_manager=batch``) bound to one server and rule."""
    client = _client_for(url, **client_options)

    def assay_compute_score_batch(data_sources: Sequence[Any], solution_strs: Sequence[str],
                                  ground_truths: Sequence[Any], extra_infos: Optional[Sequence[Any]] = None,
                                  **_ignored: Any) -> List[Dict[str, float]]:
        n = len(solution_strs)
        extras = list(extra_infos) if extra_infos is not None else [None] * n
        items = [_item(solution_strs[i], ground_truths[i], extras[i] if i < len(extras) else None, task,
                       extract_gold, i) for i in range(n)]
        return _score(items, None, rule, client)

    return assay_compute_score_batch
