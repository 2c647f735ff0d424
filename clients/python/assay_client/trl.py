"""Assay rewards as a TRL ``GRPOTrainer`` reward function.

    from trl import GRPOConfig, GRPOTrainer
    from assay_client.trl import reward_function

    trainer = GRPOTrainer(model=..., reward_funcs=[reward_function("http://127.0.0.1:8420", rule="r1-zero-math")],
                          args=GRPOConfig(...), train_dataset=dataset)   # dataset has "prompt" and "answer"

How TRL calls it (``GRPOTrainer._calculate_rewards`` in ``trl/trainer/grpo_trainer.py``, TRL 0.2x, checked
against the public source)::

    keys = [key for key in inputs[0] if key not in ["prompt", "completion", "completion_ids"]]
    reward_kwargs = {key: [example[key] for example in inputs] for key in keys}
    reward_kwargs["trainer_state"] = self.state
    ...
    output_reward_func = reward_func(
        prompts=prompts, completions=completions, completion_ids=completion_ids_list, **reward_kwargs
    )
    # Convert None values to NaN
    output_reward_func = [reward if reward is not None else torch.nan for reward in output_reward_func]

and names the function in its logs by ``reward_func.__name__``. So every dataset column arrives as a keyword
list aligned with ``completions``. ``completion_ids`` gives each item's ``completion_tokens`` (the length
rules such as ``dapo-math`` measure in tokens); ``trainer_state`` (and whatever a later TRL adds) is accepted
and ignored. For conversational datasets ``prompts[i]`` is a list of messages and
``completions[i]`` is ``[{"role": "assistant", "content": "…"}]``.

Rewards and advantages: each process gets only its share of a generation batch, so a GRPO group can be
split across processes; TRL gathers the rewards and computes the advantages itself. This function therefore
asks Assay for ``advantages="none"`` and returns raw rewards. An item whose status is not ``"ok"``
(``limit``, ``timeout``, ``error``, ``invalid``) returns ``None`` — TRL turns it into NaN and leaves this
reward function out of that sample's sum — never a silent 0.
"""

from __future__ import annotations

import hashlib
from typing import Any, Callable, Dict, List, Optional, Sequence, Union

from .client import AssayClient
from .errors import AssayError
from .gold import extract_gold_answer

RewardFunc = Callable[..., List[Optional[float]]]


def message_text(value: Any, role: Optional[str] = "assistant") -> Optional[str]:
    """Text of a plain string, or of the last message with ``role`` in a conversation.

    A conversation is a list of ``{"role", "content"}`` dicts; ``content`` may be a string or a list of parts
    (``{"type": "text", "text": …}``), whose text parts are joined. With ``role=None`` the last message of
    any role is used. Returns None when there is nothing usable.
    """
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dict):
        value = [value]
    if isinstance(value, (list, tuple)):
        for message in reversed(value):
            if isinstance(message, dict) and (role is None or message.get("role") == role):
                return _content_text(message.get("content"))
        return None
    return str(value)


def _content_text(content: Any) -> Optional[str]:
    if content is None or isinstance(content, str):
        return content
    if isinstance(content, (list, tuple)):
        parts = [p.get("text", "") if isinstance(p, dict) else str(p) for p in content
                 if not isinstance(p, dict) or p.get("type", "text") == "text"]
        return "".join(parts)
    return str(content)


def _stable_group(prompt: Optional[str]) -> Optional[str]:
    """A group id derived from the prompt text: the same prompt lands in the same group (and, behind a load
    balancer hashing X-Assay-Group, on the same replica's cache) in every step and every process."""
    if prompt is None:
        return None
    return hashlib.sha1(prompt.encode("utf-8")).hexdigest()[:16]


def reward_function(
    url_or_client: Union[str, Sequence[str], AssayClient],
    rule: str = "r1-zero-math",
    answer_column: Union[str, Sequence[str]] = ("answer", "solution"),
    task: Optional[str] = "math",
    name: Optional[str] = None,
    *,
    task_column: Optional[str] = None,
    extract_gold: bool = True,
    send_prompt: bool = True,
    on_error: str = "raise",
    **client_options: Any,
) -> RewardFunc:
    """A reward function for ``GRPOTrainer(reward_funcs=[...])`` that scores with an Assay rule.

    Args:
        url_or_client: server URL(s) (see :class:`AssayClient`) or a ready client.
        rule: rule name (``r1-zero-math``, ``r1-math``, ``math``, ``r1`` …; ``GET /v1/rules`` lists them).
        answer_column: dataset column holding the gold answer, or several names tried in order (the first
            present is used). Default: ``"answer"``, then ``"solution"``.
        task: ``task`` sent with every item (routing rules like ``r1`` use it); None sends none.
        name: ``__name__`` of the returned function (TRL logs ``rewards/<name>``); default
            ``assay_<rule>`` with ``-`` turned into ``_``.
        task_column: a dataset column giving each row's task; overrides ``task`` where present.
        extract_gold: pass the gold through :func:`extract_gold_answer` (last ``\\boxed{}`` or GSM8K
            ``#### n``), for columns that hold a worked solution. Set False to send the column verbatim.
        send_prompt: send the prompt text (the last user message of a conversational prompt) with each item.
        on_error: ``"raise"`` (default) lets an :class:`AssayError` stop training when the server cannot be
            reached or refuses the request; ``"none"`` returns None for every item of that call instead.
        **client_options: passed to :class:`AssayClient` when a URL is given (``timeout``, ``retries``…).

    Returns:
        ``f(prompts, completions, **kwargs) -> list[float | None]``.
    """
    if on_error not in ("raise", "none"):
        raise ValueError("on_error must be 'raise' or 'none'")
    if isinstance(url_or_client, AssayClient):
        if client_options:
            raise TypeError("client options are only accepted with a URL, not with a ready AssayClient")
        client = url_or_client
    else:
        client = AssayClient(url_or_client, **client_options)
    columns = [answer_column] if isinstance(answer_column, str) else list(answer_column)
    if not columns:
        raise ValueError("answer_column names no column")

    def assay_reward(prompts: Optional[List[Any]] = None, completions: Optional[List[Any]] = None,
                     **kwargs: Any) -> List[Optional[float]]:
        if completions is None:
            raise TypeError("assay reward function called without completions=")
        n = len(completions)
        column = next((c for c in columns if c in kwargs and kwargs[c] is not None), None)
        if column is None:
            available = sorted(k for k, v in kwargs.items() if isinstance(v, (list, tuple)))
            raise KeyError(f"none of the answer columns {columns} is in the batch; dataset columns passed by "
                           f"TRL: {available}. Set answer_column= to the column holding the gold answer.")
        answers = kwargs[column]
        if len(answers) != n:
            raise ValueError(f"column {column!r} has {len(answers)} values for {n} completions")
        tasks = kwargs.get(task_column) if task_column else None
        completion_ids = kwargs.get("completion_ids")
        if not isinstance(completion_ids, (list, tuple)) or len(completion_ids) != n:
            completion_ids = None
        prompt_texts = ([message_text(p, role="user") for p in prompts] if prompts is not None and send_prompt
                        else [None] * n)
        items: List[Dict[str, Any]] = []
        for i in range(n):
            text = message_text(completions[i], role="assistant")
            gold = extract_gold_answer(answers[i]) if extract_gold else answers[i]
            item: Dict[str, Any] = {"id": i, "completion": text, "reference": {"answer": gold}}
            group = _stable_group(prompt_texts[i] if prompt_texts[i] is not None
                                  else message_text(prompts[i], role=None) if prompts is not None else None)
            if group is not None:
                item["group"] = group
            if prompt_texts[i] is not None:
                item["prompt"] = prompt_texts[i]
            if completion_ids is not None and isinstance(completion_ids[i], (list, tuple)):
                item["completion_tokens"] = len(completion_ids[i])
            item_task = tasks[i] if tasks is not None and tasks[i] is not None else task
            if item_task is not None:
                item["task"] = item_task
            items.append(item)
        try:
            results = client.score(items, rule=rule, advantages="none")
        except AssayError:
            if on_error == "none":
                return [None] * n
            raise
        return [float(r["reward"]) if r.get("status") == "ok" and r.get("reward") is not None else None
                for r in results]

    assay_reward.__name__ = name or "assay_" + rule.replace("-", "_")
    assay_reward.__qualname__ = assay_reward.__name__
    assay_reward.__doc__ = f"Assay rule {rule!r} at {client.urls}: raw rewards, None for non-ok items."
    return assay_reward
