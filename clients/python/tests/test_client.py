"""AssayClient against the real server: scoring, batching, GRPO groups, retries, failover, errors."""

from __future__ import annotations

import time

import pytest

from assay_client import (
    AssayClient,
    AssayConnectionError,
    AssayGroupTooLargeError,
    AssayRequestError,
    AssayServerError,
    Item,
    UnknownRuleError,
    group_key,
)
from conftest import MAX_COMPLETION_BYTES, r1


def test_health_and_rules(server_url):
    client = AssayClient(server_url)
    health = client.health()
    assert health["status"] == "ok"
    names = {r["name"]: r for r in client.rules()}
    assert {"r1-zero-math", "r1-math", "math", "r1"} <= set(names)
    assert len(names["r1-zero-math"]["hash"]) == 64


@pytest.mark.parametrize("rule, rewards", [
    ("r1-zero-math", [1.5, 0.5, 0.5, 0.5]),   # accuracy 1/0/0/0 + 0.5 x format
    ("r1-math", [1.5, -0.5, -0.5, 0.5]),      # accuracy +1 / -1 wrong / -1 unparsable / 0 no answer
])
def test_math_correct_wrong_unparsable(server_url, rule, rewards):
    client = AssayClient(server_url)
    items = [
        Item(r1("\\frac{1}{2}"), reference="0.5", id="correct"),
        Item(r1("3"), reference="0.5", id="wrong"),
        Item(r1("@@\\frac{"), reference="0.5", id="unparsable"),
        Item("<think>\nhmm\n</think>\n<answer>\nI do not know\n</answer>", reference="0.5", id="no_answer"),
    ]
    results = client.score(items, rule=rule)
    assert [r["id"] for r in results] == ["correct", "wrong", "unparsable", "no_answer"]
    assert [r["status"] for r in results] == ["ok"] * 4
    verdicts = [r["components"]["accuracy"]["verdict"] for r in results]
    assert verdicts[:3] == ["correct", "wrong", "unparsable"]
    assert [r["reward"] for r in results][:3] == rewards[:3]
    assert all(r["advantage"] is None for r in results)  # advantages "none"


def test_dict_items_and_item_reference_wrapping(server_url):
    client = AssayClient(server_url, rule="math")
    results = client.score([{"completion": "\\boxed{7}", "reference": {"answer": 7}}, Item("\\boxed{7}", reference=7)])
    assert [r["reward"] for r in results] == [1, 1]
    assert Item("x", reference="7").to_dict() == {"completion": "x", "reference": {"answer": "7"}}


def _batch_items(n):
    # wrong whenever i % 3 == 0, so a shuffled order would show in the rewards
    return [{"id": f"item-{i}", "completion": f"\\boxed{{{i if i % 3 else i + 1}}}", "reference": {"answer": str(i)}}
            for i in range(n)]


def test_order_preserved_across_batches(server_url, front):
    f = front()
    client = AssayClient(f.url, max_batch=64)
    items = _batch_items(250)
    results = client.score(items, rule="math")
    assert [r["id"] for r in results] == [it["id"] for it in items]
    assert [r["reward"] for r in results] == [0 if i % 3 == 0 else 1 for i in range(250)]
    sizes = [len(r["json"]["items"]) for r in f.score_requests()]
    assert sizes == [64, 64, 64, 58]


def test_parallel_batches_keep_order(server_url):
    client = AssayClient(server_url, max_batch=16, parallel=4)
    items = _batch_items(100)
    results = client.score(items, rule="math")
    assert [r["id"] for r in results] == [it["id"] for it in items]
    assert [r["reward"] for r in results] == [0 if i % 3 == 0 else 1 for i in range(100)]


def _grpo_items(n, groups):
    # interleaved (non-contiguous) groups; reward pattern varies within each group
    return [{"id": i, "group": f"g{i % groups}", "completion": f"\\boxed{{{1 if (i * 7) % 5 < 2 else 2}}}",
             "reference": {"answer": "1"}} for i in range(n)]


@pytest.mark.parametrize("advantages", ["grpo", "dr_grpo"])
def test_groups_kept_whole_with_advantages(server_url, front, advantages):
    items = _grpo_items(250, 31)  # groups of 8 or 9, scattered over the whole list
    single = AssayClient(server_url, max_batch=1000).score_detailed(items, rule="math", advantages=advantages)
    assert single.batches == 1
    f = front()
    split = AssayClient(f.url, max_batch=40).score_detailed(items, rule="math", advantages=advantages)
    requests = f.score_requests()
    assert len(requests) == split.batches > 1
    seen = {}
    for n, req in enumerate(requests):
        assert len(req["json"]["items"]) <= 40
        for item in req["json"]["items"]:
            assert seen.setdefault(item["group"], n) == n, "a group was split across requests"
    assert [r["id"] for r in split.results] == list(range(250))
    for a, b in zip(single.results, split.results):
        assert a["advantage"] is not None
        assert b["advantage"] == pytest.approx(a["advantage"], abs=1e-12)
    assert split.groups == single.groups


def test_group_larger_than_max_batch_raises_before_sending(server_url, front):
    f = front()
    items = [{"group": 0, "completion": "\\boxed{1}", "reference": {"answer": "1"}}] * 9
    with pytest.raises(AssayGroupTooLargeError, match="max_batch=8"):
        AssayClient(f.url, max_batch=8).score(items, rule="math", advantages="grpo")
    assert f.requests == []
    # without advantages the same list is simply chunked
    assert len(AssayClient(f.url, max_batch=8).score(items, rule="math")) == 9


def test_group_key_matches_server_grouping(server_url):
    # the server puts 0, 0.0 and "0" in one group; the client must not split them
    assert group_key(0) == group_key(0.0) == group_key("0") == "0"
    items = [{"group": g, "completion": f"\\boxed{{{v}}}", "reference": {"answer": "1"}}
             for g, v in [(0, 1), ("x", 1), (0.0, 2), ("0", 2), ("x", 2)]]
    client = AssayClient(server_url, max_batch=3)
    results = client.score_detailed(items, rule="math", advantages="grpo")
    assert results.batches == 2
    assert results.groups["0"]["n"] == 3


def test_x_assay_group_header_is_first_items_group(server_url, front):
    f = front()
    items = [{"group": f"prompt/{i // 4}", "completion": "\\boxed{1}", "reference": {"answer": "1"}}
             for i in range(12)]
    AssayClient(f.url, max_batch=4).score(items, rule="math", advantages="grpo")
    headers = [r["headers"].get("X-Assay-Group") for r in f.score_requests()]
    assert headers == ["prompt/0", "prompt/1", "prompt/2"]


def test_failover_from_closed_port(server_url, closed_url, front):
    f = front()
    client = AssayClient([closed_url, f.url], retries=2, backoff=0.01)
    items = _batch_items(30)
    results = client.score(items, rule="math")
    assert [r["reward"] for r in results] == [0 if i % 3 == 0 else 1 for i in range(30)]
    assert len(f.score_requests()) == 1  # every item scored exactly once
    client.score(items[:1], rule="math")  # the healthy URL is now preferred: no new attempt on the closed one
    assert len(f.score_requests()) == 2


def test_retry_after_503_once_on_same_url(server_url, front):
    f = front(script=[503])
    client = AssayClient(f.url, retries=3, backoff=0.01)
    results = client.score(_batch_items(5), rule="math")
    assert len(results) == 5 and all(r["status"] == "ok" for r in results)
    reqs = f.score_requests()
    assert len(reqs) == 2 and reqs[0]["json"] == reqs[1]["json"]


def test_failover_from_503_replica_to_second(server_url, front):
    down = front(upstream=False)  # always 503
    up = front()
    client = AssayClient([down.url, up.url], retries=1, backoff=0.01)
    results = client.score(_batch_items(10), rule="math")
    assert len(results) == 10
    assert len(down.score_requests()) == 1 and len(up.score_requests()) == 1


def test_429_and_dropped_connection_are_retried(server_url, front):
    f = front(script=[(429, {"Retry-After": "0"}, '{"error":{"status":429,"code":"slow_down","field":"(body)",'
                                                   '"message":"later"}}'), "drop"])
    client = AssayClient(f.url, retries=2, backoff=0.01)
    assert len(client.score(_batch_items(3), rule="math")) == 3
    assert len(f.score_requests()) == 3


def test_unknown_rule_raises_without_retry(server_url, front):
    f1, f2 = front(), front()
    client = AssayClient([f1.url, f2.url], retries=4, backoff=0.01)
    with pytest.raises(UnknownRuleError) as info:
        client.score(_batch_items(2), rule="no-such-rule")
    err = info.value
    assert isinstance(err, AssayRequestError)
    assert err.status == 404 and err.code == "unknown_rule" and err.field == "rule"
    assert 'unknown rule "no-such-rule"' in err.message and "r1-zero-math" in err.message
    assert len(f1.score_requests()) + len(f2.score_requests()) == 1


def test_other_4xx_carries_field_and_is_not_retried(server_url, front):
    f = front(script=[(400, {}, '{"error":{"status":400,"code":"invalid_request","field":"items",'
                                '"message":"expected an array"}}')])
    with pytest.raises(AssayRequestError) as info:
        AssayClient(f.url, retries=3, backoff=0.01).score(_batch_items(1), rule="math")
    assert (info.value.status, info.value.field, info.value.message) == (400, "items", "expected an array")
    assert len(f.score_requests()) == 1


def test_all_urls_down_raises_connection_error(closed_url):
    other = f"http://127.0.0.1:{__import__('conftest').free_port()}"
    client = AssayClient([closed_url, other], retries=3, backoff=0.01, max_backoff=0.05)
    start = time.monotonic()
    with pytest.raises(AssayConnectionError) as info:
        client.score(_batch_items(1), rule="math")
    assert len(info.value.attempts) == 4
    assert "2 URL(s)" in str(info.value)
    assert time.monotonic() - start < 2


def test_persistent_503_raises_server_error(front):
    f = front(upstream=False)
    with pytest.raises(AssayServerError) as info:
        AssayClient(f.url, retries=2, backoff=0.01).score(_batch_items(1), rule="math")
    assert info.value.status == 503 and info.value.code == "no_upstream"
    assert len(f.score_requests()) == 3 and len(info.value.attempts) == 3


def test_non_ok_items_do_not_fail_the_batch(server_url):
    client = AssayClient(server_url)
    results = client.score([
        {"completion": "x" * (MAX_COMPLETION_BYTES + 1), "reference": {"answer": "1"}},
        {"completion": 5, "reference": {"answer": "1"}},
        {"completion": "\\boxed{1}", "reference": {"answer": "1"}},
    ], rule="math")
    assert [r["status"] for r in results] == ["limit", "invalid", "ok"]
    assert results[1]["reward"] is None and "items[1].completion" in results[1]["error"]
    assert results[2]["reward"] == 1


def test_argument_errors_send_nothing(server_url, front):
    f = front()
    client = AssayClient(f.url)
    assert client.score([], rule="math") == []
    with pytest.raises(ValueError, match="advantages"):
        client.score(_batch_items(1), rule="math", advantages="ppo")
    with pytest.raises(ValueError, match="no rule"):
        client.score(_batch_items(1))
    with pytest.raises(TypeError, match=r"items\[0\]"):
        client.score(["just a string"], rule="math")
    assert f.requests == []


def test_filter_keeps_what_the_expression_accepts(server_url):
    client = AssayClient(server_url, rule="r1-math")
    r1 = "<think>\n6 × 7 = 42\n</think>\n<answer>\n{}\n</answer>"
    items = [
        Item(id="right", completion=r1.format(42), reference={"answer": "42"}),
        Item(id="wrong", completion=r1.format(41), reference={"answer": "42"}),
        Item(id="untagged", completion="42", reference={"answer": "42"}),
    ]
    answer = client.filter(items, keep="format,accuracy=correct")
    assert answer["kept"] == ["right"]
    reasons = {r["id"]: (r["term"], r["reason"]) for r in answer["results"]}
    assert reasons["wrong"] == ("accuracy=correct", "verdict=wrong")
    assert reasons["untagged"][0] == "format=correct"
    with pytest.raises(AssayRequestError) as error:
        client.filter(items, keep="accuracy>=")
    assert "column" in str(error.value)
