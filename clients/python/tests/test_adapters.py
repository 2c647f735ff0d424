"""TRL and verl adapters against the real server, called exactly the way the trainers call them."""

from __future__ import annotations

import math

import pytest

from assay_client import AssayClient
from assay_client import verl as averl
from assay_client.trl import reward_function
from conftest import MAX_COMPLETION_BYTES, r1

TOO_LONG = r1("4" + " " * MAX_COMPLETION_BYTES)  # status "limit" on this server


class TrainerState:  # stands in for transformers.TrainerState, which TRL passes as trainer_state=
    global_step = 3


def _call_like_trl(func, prompts, completions, **columns):
    # GRPOTrainer._calculate_rewards: reward_func(prompts=…, completions=…, completion_ids=…, **reward_kwargs)
    return func(prompts=prompts, completions=completions, completion_ids=[[1, 2]] * len(completions),
                trainer_state=TrainerState(), **columns)


def test_trl_plain_completions(server_url):
    func = reward_function(server_url, rule="r1-zero-math")
    assert func.__name__ == "assay_r1_zero_math"
    prompts = ["What is 2+2?"] * 4
    completions = [r1("4"), r1("5"), "So the answer is \\boxed{4}.", TOO_LONG]
    rewards = _call_like_trl(func, prompts, completions, answer=["4"] * 4, level=[1, 1, 1, 1])
    assert rewards[:3] == [1.5, 0.5, 1.0]
    assert all(isinstance(r, float) for r in rewards[:3])
    assert rewards[3] is None  # status "limit": None (TRL: NaN, ignored), not 0.0


def test_trl_sends_completion_ids_as_completion_tokens(server_url):
    # dapo-math's overlong penalty measures tokens: 20480 max, the last 4096 a linear buffer.
    func = reward_function(server_url, rule="dapo-math")
    completions = [r1("4")] * 3
    ids = [[0] * 10, [0] * 18432, [0] * 30000]  # inside, halfway through the buffer, over the maximum
    rewards = func(prompts=["What is 2+2?"] * 3, completions=completions, completion_ids=ids, answer=["4"] * 3)
    assert rewards == [1.0, 0.5, 0.0]
    # without completion_ids the length is estimated from the text (a short completion: no penalty)
    assert func(prompts=["What is 2+2?"], completions=[r1("4")], answer=["4"]) == [1.0]


def test_trl_conversational(server_url):
    func = reward_function(AssayClient(server_url), rule="r1-math", name="assay_math")
    assert func.__name__ == "assay_math"
    prompts = [[{"role": "system", "content": "Think first."}, {"role": "user", "content": "Half of 1?"}]] * 3
    completions = [[{"role": "assistant", "content": r1("\\frac{1}{2}")}],
                   [{"role": "assistant", "content": [{"type": "text", "text": r1("2")}]}],
                   [{"role": "assistant", "content": TOO_LONG}]]
    rewards = _call_like_trl(func, prompts, completions, answer=["0.5"] * 3)
    assert rewards == [1.5, -0.5, None]


def test_trl_solution_column_with_worked_solution(server_url):
    func = reward_function(server_url, rule="math")  # tries "answer", then "solution"
    solutions = ["We add: $1+1=\\boxed{2}$.", "Natalia sold 48/2 = 24 clips.\n#### 72"]
    rewards = _call_like_trl(func, ["q1", "q2"], ["\\boxed{2}", "\\boxed{72}"], solution=solutions)
    assert rewards == [1.0, 1.0]
    raw = reward_function(server_url, rule="math", answer_column="solution", extract_gold=False)
    # sent verbatim, the worked solution is reduced to its final answer by the server's math verifier
    assert _call_like_trl(raw, ["q1", "q2"], ["\\boxed{2}", "\\boxed{72}"], solution=solutions) == [1.0, 1.0]
    assert _call_like_trl(raw, ["q1"], ["\\boxed{3}"], solution=solutions[:1]) == [0.0]


def test_trl_missing_answer_column_names_the_columns(server_url):
    func = reward_function(server_url)
    with pytest.raises(KeyError, match="level"):
        _call_like_trl(func, ["q"], [r1("4")], level=[1])


def test_trl_on_error_none(closed_url):
    func = reward_function(closed_url, on_error="none", retries=0)
    assert _call_like_trl(func, ["q", "q"], ["a", "b"], answer=["1", "1"]) == [None, None]


def test_verl_single_from_env(server_url, monkeypatch):
    monkeypatch.setenv("ASSAY_URL", server_url)
    monkeypatch.setenv("ASSAY_RULE", "r1-zero-math")
    # verl's naive manager: compute_score(data_source=…, solution_str=…, ground_truth=…, extra_info=…)
    out = averl.compute_score(data_source="openai/gsm8k", solution_str=r1("72"), ground_truth="72",
                              extra_info={"split": "train", "index": 0})
    assert out == {"score": 1.5, "acc": 1.0, "format": 1.0, "status_ok": 1.0}
    wrong = averl.compute_score("openai/gsm8k", "The answer is \\boxed{71}", "72")  # positional, as prime does
    assert wrong == {"score": 0.0, "acc": 0.0, "format": 0.0, "status_ok": 1.0}
    # custom_reward_function.reward_kwargs arrive as extra keywords
    assert averl.compute_score("x", r1("71"), "72", None, rule="r1-math")["score"] == -0.5


def test_verl_batch_matches_single_and_keys_are_stable(server_url, monkeypatch):
    monkeypatch.setenv("ASSAY_URL", server_url)
    monkeypatch.setenv("ASSAY_RULE", "r1-zero-math")
    sols = [r1("72"), r1("71"), "\\boxed{72}", TOO_LONG, r1("@@\\frac{")]
    gts = ["72", "72", "#### 72", "4", "72"]
    extras = [{"index": i} for i in range(len(sols))]
    # verl's batch manager: compute_score(data_sources=…, solution_strs=…, ground_truths=…, extra_infos=…)
    batch = averl.compute_score_batch(data_sources=["gsm8k"] * len(sols), solution_strs=sols,
                                      ground_truths=gts, extra_infos=extras)
    single = [averl.compute_score("gsm8k", s, g, e) for s, g, e in zip(sols, gts, extras)]
    assert batch == single
    assert all(tuple(d) == averl.KEYS for d in batch)
    assert all(isinstance(v, float) and not math.isnan(v) for d in batch for v in d.values())
    assert [d["acc"] for d in batch] == [1.0, 0.0, 1.0, 0.0, 0.0]
    assert [d["status_ok"] for d in batch] == [1.0, 1.0, 1.0, 0.0, 1.0]
    assert batch[3] == {"score": 0.0, "acc": 0.0, "format": 0.0, "status_ok": 0.0}  # limit -> 0.0 in verl


def test_verl_factories(server_url):
    single = averl.make_compute_score(server_url, "r1-math")
    batch = averl.make_compute_score_batch(server_url, "r1-math")
    assert single("d", r1("3"), "3")["score"] == 1.5
    assert [d["score"] for d in batch(["d", "d"], [r1("3"), r1("4")], ["3", "3"], None)] == [1.5, -0.5]
