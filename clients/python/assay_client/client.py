"""HTTP client for the Assay reward server (standard library only).

The server's contract is ``openapi.yaml`` at the repository root; in brief::

    POST /v1/score  {"rule", "items": [{"id", "group", "prompt", "completion", "reference", "task"}],
                     "advantages": "none" | "grpo" | "dr_grpo"}
                 -> {"rule": {"name", "hash"}, "results": [{"id", "reward", "status", "components",
                     "advantage", ...}], "groups": {...}}
    GET  /v1/rules, GET /healthz
"""

from __future__ import annotations

import http.client
import json
import math
import os
import random
import socket
import threading
import time
import urllib.parse
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from . import __version__
from .errors import (
    AssayConnectionError,
    AssayError,
    AssayGroupTooLargeError,
    AssayHTTPError,
    AssayProtocolError,
    AssayServerError,
)

ADVANTAGES = ("none", "grpo", "dr_grpo")
_HEADER_SAFE = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) != "%")


@dataclass
class Item:
    """One completion to score.

    Only ``completion`` is required by the server; every field left at None is omitted from the request.

    Attributes:
        completion: the model's output text.
        reference: what verifiers compare against. A dict is sent as is (``{"answer": "42"}``,
            ``{"answer": "C", "choices": [...]}``, code tests…); a plain string or number is sent as
            ``{"answer": value}``.
        prompt: the question (the ``judge`` verifier shows it to the judge).
        id: echoed back in the result; checked by the client when present.
        group: GRPO group (usually the prompt index). Items with equal groups share advantages.
        task: selects a route in routing rules (``r1``: ``math`` or ``code``).
    """

    completion: str
    reference: Any = None
    prompt: Optional[str] = None
    id: Any = None
    group: Any = None
    task: Optional[str] = None
    extra: Dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> Dict[str, Any]:
        """The JSON object sent for this item."""
        out: Dict[str, Any] = dict(self.extra)
        for key in ("id", "group", "prompt", "task"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        out["completion"] = self.completion
        if self.reference is not None:
            out["reference"] = (self.reference if isinstance(self.reference, Mapping)
                                else {"answer": self.reference})
        return out


ItemLike = Union[Item, Mapping[str, Any]]


@dataclass
class ScoreResponse:
    """The merged answer of every batch of one :meth:`AssayClient.score_detailed` call.

    Attributes:
        results: one result dict per item, in request order (the server's ``results`` entries).
        groups: per-group statistics ``{group: {"n", "mean", "std"}}`` merged over batches (only filled when
            advantages were requested; groups are never split across batches then, so the merge is exact).
        rule: ``{"name", "hash"}`` of the rule that answered the first batch.
        rule_hashes: every distinct rule hash seen (more than one means replicas serve different rule files).
        batches: number of HTTP requests that succeeded.
    """

    results: List[Dict[str, Any]]
    groups: Dict[str, Any]
    rule: Dict[str, Any]
    rule_hashes: List[str]
    batches: int


def group_key(group: Any) -> Optional[str]:
    """The key the server groups by: the JSON text of ``group`` with integral numbers written as integers.

    The server puts ``0``, ``0.0`` and ``"0"`` in the same group, and ``true`` in group ``"true"``; this
    function mirrors that so the client never splits what the server would join. None means "no group".
    """
    if group is None:
        return None
    if isinstance(group, bool):
        return "true" if group else "false"
    if isinstance(group, int):
        return str(group)
    if isinstance(group, float):
        if math.isfinite(group) and group.is_integer():
            return str(int(group))
        return repr(group)
    if isinstance(group, str):
        return group
    return json.dumps(group, separators=(",", ":"), ensure_ascii=False)


def _as_dict(item: ItemLike, index: int) -> Dict[str, Any]:
    if isinstance(item, Item):
        return item.to_dict()
    if isinstance(item, Mapping):
        return dict(item)
    raise TypeError(f"items[{index}]: expected an assay_client.Item or a dict, got {type(item).__name__}")


def _split_urls(url_or_urls: Union[str, Sequence[str]]) -> List[str]:
    raw = [url_or_urls] if isinstance(url_or_urls, str) else list(url_or_urls)
    urls: List[str] = []
    for entry in raw:
        for part in str(entry).split(","):
            part = part.strip()
            if not part:
                continue
            if "://" not in part:
                part = "http://" + part
            parsed = urllib.parse.urlsplit(part)
            if parsed.scheme not in ("http", "https") or not parsed.hostname:
                raise ValueError(f"not an http(s) URL: {part!r}")
            urls.append(part.rstrip("/"))
    if not urls:
        raise ValueError("no server URL given")
    return urls


class AssayClient:
    """Client for one Assay server or several replicas.

    Args:
        url_or_urls: base URL (``http://127.0.0.1:8420``), a list of them, or a comma-separated string.
            With several URLs, a request that fails with a retryable error moves on to the next URL at once
            (failover); the URL that last answered is tried first next time.
        timeout: seconds allowed for connecting and for each read of the answer. The server answers a batch
            only when it is scored, so this bounds a batch's scoring time; keep it above the server's
            ``--batch-timeout`` (300 s by default) or a slow batch is retried while still being scored.
        max_batch: most items per request. Larger lists are split (see :meth:`score`).
        max_batch_bytes: soft limit on the JSON size of one request (the server's ``--max-body-bytes`` is
            64 MiB by default). A single item or GRPO group larger than this still goes in one request.
        retries: how many times one request is retried after the first attempt (so ``retries + 1``
            attempts in all, counted over every URL). Retried: connection errors, timeouts, HTTP 5xx and 429.
            Never retried: other 4xx (raised at once).
        backoff: base delay in seconds. Before retrying a URL that already failed during this request the
            client sleeps ``backoff * 2**k`` (k = 0, 1, 2…, capped at ``max_backoff``, with jitter), and at
            least the server's ``Retry-After``. Failing over to an untried URL does not sleep.
        max_backoff: cap of one delay, in seconds.
        parallel: batches sent at once (threads) when a call is split into several batches.
        rule: default rule for :meth:`score` calls that do not name one.
        headers: extra HTTP headers sent on every request (e.g. an auth header for a proxy).
        token: bearer token of a server started with ``assay serve --token-file``, sent as
            ``Authorization: Bearer <token>``. Defaults to the ``ASSAY_TOKEN`` environment variable; ``""``
            sends none. Never shown by ``repr``.

    Scoring is a pure function of (rule hash, item), so retrying a request, on the same or another
    replica, is safe: it is idempotent.
    """

    def __init__(
        self,
        url_or_urls: Union[str, Sequence[str]] = "http://127.0.0.1:8420",
        *,
        timeout: float = 330.0,
        max_batch: int = 512,
        max_batch_bytes: int = 16 * 1024 * 1024,
        retries: int = 4,
        backoff: float = 0.5,
        max_backoff: float = 30.0,
        parallel: int = 1,
        rule: Optional[str] = None,
        headers: Optional[Mapping[str, str]] = None,
        token: Optional[str] = None,
    ) -> None:
        if max_batch < 1:
            raise ValueError("max_batch must be at least 1")
        if retries < 0:
            raise ValueError("retries must be 0 or more")
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        if parallel < 1:
            raise ValueError("parallel must be at least 1")
        self.urls: List[str] = _split_urls(url_or_urls)
        self.timeout = float(timeout)
        self.max_batch = int(max_batch)
        self.max_batch_bytes = int(max_batch_bytes)
        self.retries = int(retries)
        self.backoff = float(backoff)
        self.max_backoff = float(max_backoff)
        self.parallel = int(parallel)
        self.rule = rule
        self.headers: Dict[str, str] = dict(headers or {})
        token = os.environ.get("ASSAY_TOKEN", "") if token is None else token
        token = token.strip()
        if token:
            if any(not 0x21 <= ord(c) <= 0x7E for c in token):
                raise ValueError("token must be visible ASCII without spaces (the content of the server's --token-file)")
            self.headers["Authorization"] = f"Bearer {token}"
        self._preferred = 0
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"AssayClient({self.urls!r}, max_batch={self.max_batch}, retries={self.retries})"

    # ------------------------------------------------------------------ public API

    def health(self) -> Dict[str, Any]:
        """``GET /healthz``: ``{"status": "ok", "version", "rules", "uptime_s", "cache"}``."""
        return self._request_json("GET", "/healthz", None, None)

    def rules(self) -> List[Dict[str, Any]]:
        """``GET /v1/rules``: the loaded rules, each ``{"name", "hash", "description", "components"|"routes", …}``."""
        answer = self._request_json("GET", "/v1/rules", None, None)
        rules = answer.get("rules") if isinstance(answer, dict) else None
        if not isinstance(rules, list):
            raise AssayProtocolError(f"/v1/rules answered without a 'rules' list: {str(answer)[:200]}")
        return rules

    def filter(self, items: Iterable[ItemLike], keep: str, rule: Optional[str] = None) -> Dict[str, Any]:
        """``POST /v1/filter``: which items the keep expression accepts (rejection sampling).

        ``keep`` is the server's expression, e.g. ``"accuracy=correct,language>=0.95,steps.false=0"``. Returns
        the server's answer: ``{"kept": [ids], "results": [{"id", "kept", "term", "reason"}], "summary", "keep",
        "rule", "rule_hash"}``, results in the order given. One request (no batching): the server caps a request
        at ``--max-items``. A bad expression raises :class:`AssayRequestError` with the column in its message.
        """
        dicts = [_as_dict(item, i) for i, item in enumerate(items)]
        body = json.dumps({"rule": rule or self.rule, "keep": keep, "items": dicts}, ensure_ascii=False,
                          separators=(",", ":"), default=_json_default).encode("utf-8")
        return self._request_json("POST", "/v1/filter", body, None)

    def score(
        self,
        items: Iterable[ItemLike],
        rule: Optional[str] = None,
        advantages: str = "none",
    ) -> List[Dict[str, Any]]:
        """Score items; returns one result dict per item, in the order given.

        Each result is the server's: ``{"id", "reward", "status", "components", "advantage", "cached",
        "ms", "group", "scored_by", "error"?}``. ``status`` is ``"ok"`` or ``"limit"``, ``"timeout"``,
        ``"error"``, ``"invalid"``; a non-ok item never fails the call, check its status (its ``reward`` is 0
        or null and must not be read as a real score).

        Batching: lists longer than ``max_batch`` are sent as several requests. With ``advantages="none"``
        they are plain consecutive chunks. With ``"grpo"``/``"dr_grpo"`` every group is sent whole in one
        request — groups need NOT be contiguous: the client collects each group's items (in order of the
        group's first appearance), packs whole groups into requests, and puts results back in request
        order. Items without a group get no advantage and fill any request. A group larger than
        ``max_batch`` raises :class:`AssayGroupTooLargeError` before anything is sent.

        Raises:
            UnknownRuleError, AssayRequestError: the server refused the request (4xx), not retried.
            AssayServerError, AssayConnectionError: every attempt failed.
            AssayProtocolError: the answer did not match the request.
            AssayGroupTooLargeError, ValueError, TypeError: bad arguments, nothing sent.
        """
        return self.score_detailed(items, rule=rule, advantages=advantages).results

    def score_detailed(
        self,
        items: Iterable[ItemLike],
        rule: Optional[str] = None,
        advantages: str = "none",
    ) -> ScoreResponse:
        """Like :meth:`score`, but also returns group statistics and the rule hash (:class:`ScoreResponse`)."""
        rule = rule if rule is not None else self.rule
        if not isinstance(rule, str) or not rule:
            raise ValueError("no rule: pass rule=… (a name from GET /v1/rules) or AssayClient(rule=…)")
        if advantages not in ADVANTAGES:
            raise ValueError(f"advantages must be one of {', '.join(ADVANTAGES)}; got {advantages!r}")
        dicts = [_as_dict(item, i) for i, item in enumerate(items)]
        if not dicts:
            return ScoreResponse(results=[], groups={}, rule={"name": rule}, rule_hashes=[], batches=0)
        encoded = []
        for i, d in enumerate(dicts):
            try:
                text = json.dumps(d, ensure_ascii=False, separators=(",", ":"), default=_json_default,
                                  allow_nan=False)
            except (TypeError, ValueError) as exc:
                raise TypeError(f"items[{i}] cannot be sent as JSON: {exc}") from None
            encoded.append(text.encode("utf-8"))
        plan = self._plan(dicts, encoded, advantages != "none")

        head = json.dumps({"rule": rule, "advantages": advantages}, separators=(",", ":")).encode("utf-8")

        def run(batch: List[int]) -> Dict[str, Any]:
            body = head[:-1] + b',"items":[' + b",".join(encoded[i] for i in batch) + b"]}"
            answer = self._request_json("POST", "/v1/score", body, self._affinity(dicts, batch))
            self._check(answer, dicts, batch)
            return answer

        if self.parallel > 1 and len(plan) > 1:
            with ThreadPoolExecutor(max_workers=min(self.parallel, len(plan))) as pool:
                answers = list(pool.map(run, plan))
        else:
            answers = [run(batch) for batch in plan]

        results: List[Optional[Dict[str, Any]]] = [None] * len(dicts)
        groups: Dict[str, Any] = {}
        hashes: List[str] = []
        for batch, answer in zip(plan, answers):
            for index, result in zip(batch, answer["results"]):
                results[index] = result
            if isinstance(answer.get("groups"), dict):
                groups.update(answer["groups"])
            h = (answer.get("rule") or {}).get("hash")
            if isinstance(h, str) and h not in hashes:
                hashes.append(h)
        if len(hashes) > 1:
            warnings.warn(f"Assay replicas answered with different hashes of rule {rule!r}: {hashes}; "
                          "their rule files differ", RuntimeWarning, stacklevel=2)
        return ScoreResponse(results=results,  # type: ignore[arg-type]
                             groups=groups, rule=dict(answers[0].get("rule") or {"name": rule}),
                             rule_hashes=hashes, batches=len(plan))

    # ------------------------------------------------------------------ batching

    def _plan(self, dicts: List[Dict[str, Any]], encoded: List[bytes], keep_groups: bool) -> List[List[int]]:
        """Lists of item indices, one per request, each sorted in request order."""
        units: List[List[int]]
        if keep_groups:
            by_key: Dict[str, List[int]] = {}
            units = []
            for i, d in enumerate(dicts):
                key = group_key(d.get("group"))
                if key is None:
                    units.append([i])
                elif key in by_key:
                    by_key[key].append(i)
                else:
                    by_key[key] = [i]
                    units.append(by_key[key])
            for unit in units:
                if len(unit) > self.max_batch:
                    key = group_key(dicts[unit[0]].get("group"))
                    raise AssayGroupTooLargeError(
                        f"group {key!r} has {len(unit)} items, more than max_batch={self.max_batch}; "
                        "a GRPO group must be scored in one request (raise max_batch)")
        else:
            units = [[i] for i in range(len(dicts))]

        batches: List[List[int]] = []
        current: List[int] = []
        size = 0
        for unit in units:
            unit_size = sum(len(encoded[i]) + 1 for i in unit)
            if current and (len(current) + len(unit) > self.max_batch or size + unit_size > self.max_batch_bytes):
                batches.append(sorted(current))
                current, size = [], 0
            current.extend(unit)
            size += unit_size
        if current:
            batches.append(sorted(current))
        return batches

    @staticmethod
    def _affinity(dicts: List[Dict[str, Any]], batch: List[int]) -> str:
        """Value of X-Assay-Group: the group of the batch's first item (else its id, else "-")."""
        first = dicts[batch[0]]
        key = group_key(first.get("group"))
        if key is None:
            key = group_key(first.get("id"))
        return urllib.parse.quote(key if key is not None else "-", safe=_HEADER_SAFE)

    @staticmethod
    def _check(answer: Any, dicts: List[Dict[str, Any]], batch: List[int]) -> None:
        results = answer.get("results") if isinstance(answer, dict) else None
        if not isinstance(results, list):
            raise AssayProtocolError(f"/v1/score answered without a 'results' list: {str(answer)[:200]}")
        if len(results) != len(batch):
            raise AssayProtocolError(f"/v1/score returned {len(results)} results for {len(batch)} items")
        for pos, (index, result) in enumerate(zip(batch, results)):
            if not isinstance(result, dict):
                raise AssayProtocolError(f"result {pos} is not an object: {result!r}")
            sent = dicts[index].get("id")
            if sent is not None and "id" in result and result["id"] != sent:
                raise AssayProtocolError(f"result {pos} has id {result['id']!r}, expected {sent!r} (order lost)")

    # ------------------------------------------------------------------ transport

    def _request_json(self, method: str, path: str, body: Optional[bytes], group: Optional[str]) -> Any:
        """One logical request with retries and failover; returns the parsed JSON answer."""
        headers = {"Accept": "application/json", "User-Agent": f"assay-client-python/{__version__}"}
        headers.update(self.headers)
        if body is not None:
            headers["Content-Type"] = "application/json"
        if group is not None:
            headers["X-Assay-Group"] = group

        n = len(self.urls)
        with self._lock:
            start = self._preferred
        attempts: List[str] = []
        tried: set = set()
        sleeps = 0
        last_exc: Optional[AssayError] = None
        for attempt in range(self.retries + 1):
            index = (start + attempt) % n
            url = self.urls[index]
            if url in tried:  # every URL failed once already: back off before trying this one again
                retry_after = getattr(last_exc, "_retry_after", 0.0) or 0.0
                delay = min(self.max_backoff, self.backoff * (2 ** sleeps)) * random.uniform(0.5, 1.0)
                time.sleep(max(delay, min(retry_after, self.max_backoff)))
                sleeps += 1
            tried.add(url)
            try:
                status, reason, data, retry_after_header = self._send(url, method, path, body, headers)
            except (OSError, http.client.HTTPException) as exc:  # refused, reset, DNS, timeout, bad status line
                what = "timed out" if isinstance(exc, socket.timeout) else f"{type(exc).__name__}: {exc}"
                attempts.append(f"{url}{path}: {what}")
                last_exc = AssayConnectionError(f"{url}{path}: {what}")
                continue
            if 200 <= status < 300:
                try:
                    answer = json.loads(data.decode("utf-8"))
                except ValueError as exc:
                    raise AssayProtocolError(f"{url}{path} answered {status} with a body that is not JSON: "
                                             f"{exc}; body starts {data[:200]!r}", attempts=attempts) from None
                with self._lock:
                    self._preferred = index
                return answer
            err = AssayHTTPError.from_response(status, data, url + path, attempts=attempts)
            attempts.append(f"{url}{path}: HTTP {status} {err.code or reason}: {err.message[:200]}")
            if not isinstance(err, AssayServerError):
                err.attempts = list(attempts)
                raise err  # 4xx other than 429: the request is wrong; retrying cannot help
            err._retry_after = _parse_retry_after(retry_after_header)  # type: ignore[attr-defined]
            last_exc = err
        assert last_exc is not None
        last_exc.attempts = list(attempts)
        summary = "; ".join(attempts[-3:])
        if isinstance(last_exc, AssayHTTPError):
            raise type(last_exc)(last_exc.status, code=last_exc.code, field=last_exc.field,
                                 message=f"{last_exc.message} (after {len(attempts)} attempts: {summary})",
                                 body=last_exc.body, url=last_exc.url, attempts=attempts)
        raise AssayConnectionError(f"{method} {path} failed after {len(attempts)} attempts over "
                                   f"{len(tried)} URL(s): {summary}", attempts=attempts)

    def _send(self, url: str, method: str, path: str, body: Optional[bytes],
              headers: Dict[str, str]) -> Tuple[int, str, bytes, Optional[str]]:
        parts = urllib.parse.urlsplit(url)
        conn_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        conn = conn_class(parts.hostname, parts.port, timeout=self.timeout)  # type: ignore[arg-type]
        try:
            conn.request(method, (parts.path or "") + path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            return response.status, response.reason, data, response.getheader("Retry-After")
        finally:
            conn.close()


def _parse_retry_after(value: Optional[str]) -> float:
    if not value:
        return 0.0
    try:
        return max(0.0, float(value))
    except ValueError:
        return 0.0  # HTTP-date form: ignore, use the backoff


def _json_default(value: Any) -> Any:
    """numpy scalars and arrays (common in trainer batches) become plain JSON values."""
    if hasattr(value, "tolist"):
        return value.tolist()
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")
