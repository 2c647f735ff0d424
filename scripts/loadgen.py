"""Shared parts of scripts/load and scripts/faults: the item mix, an `assay serve` process, and a closed-loop
HTTP/1.1 keep-alive load client on asyncio with raw sockets (standard library only).

Each connection sends one request, reads the whole response, and sends the next: latency is the time from the
first byte written to the last byte read. The client checks every 200 answer for one reward per item sent.
"""

import asyncio
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATASETS = os.environ.get("ASSAY_DATASETS") or os.path.join(os.path.dirname(ROOT), "shared", "datasets")
BINARY = os.environ.get("ASSAY_BIN") or os.environ.get("ASSAY_BINARY") or os.path.join(ROOT, ".build", "release", "assay")


def build_release():
    """Builds the release `assay` binary if it is missing (10-20 min on a busy 2-core machine)."""
    if not os.access(BINARY, os.X_OK):
        print("building release assay (swift build -c release --product assay)...", flush=True)
        subprocess.run(["swift", "build", "-c", "release", "--product", "assay"], cwd=ROOT, check=True)


# ---------------------------------------------------------------------------------------------------- items

def _jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


class ItemSource:
    """Math problems with synthetic R1 completions (right or wrong answers), HumanEval/MBPP canonical solutions,
    and format-only completions. `distinct=True` adds a fresh nonce to every completion, so no item repeats and
    every cached rule's result is a new row for the cache writer."""

    THINK = [
        "Let me work through the problem step by step and check each quantity.",
        "First I restate what is asked, then compute, then verify the result.",
        "We set up the equation carefully and simplify it before solving.",
        "I compute the value directly and double-check the arithmetic.",
    ]

    def __init__(self, seed=1, distinct=False, code_pool=120, code_share=0.05, code_max_batch=8):
        self.rng = random.Random(seed)
        self.distinct = distinct
        self.nonce = 0
        self.rules = (("r1-math", 0.6), ("format", 0.4 - code_share), ("code", code_share))
        self.code_max_batch = code_max_batch
        self.math = []
        for name in ("math500", "gsm8k_test", "aime2024", "aime2025", "amc23", "olympiadbench"):
            path = os.path.join(DATASETS, "math", name + ".jsonl")
            if os.path.exists(path):
                for row in _jsonl(path):
                    if row.get("answer"):
                        self.math.append(str(row["answer"]))
        self.code = []
        he = os.path.join(DATASETS, "code", "humaneval.jsonl")
        if os.path.exists(he):
            for row in _jsonl(he):
                self.code.append(({"test": row["test"], "entry_point": row["entry_point"], "prompt": row["prompt"]},
                                  row["prompt"] + row["canonical_solution"]))
        mbpp = os.path.join(DATASETS, "code", "mbpp.jsonl")
        if os.path.exists(mbpp):
            for row in _jsonl(mbpp):
                if row.get("split") == "test":
                    self.code.append(({"test_list": row["test_list"], "test_setup_code": row["test_setup_code"]},
                                      row["code"].replace("\r\n", "\n")))
        # A fixed pool of code items (a training run repeats its prompts); every one is also valid alone.
        self.rng.shuffle(self.code)
        self.code = self.code[:code_pool]
        if not self.math or not self.code:
            sys.exit(f"datasets missing under {DATASETS}")

    def _tag(self):
        if not self.distinct:
            return ""
        self.nonce += 1
        return f" (attempt {self.nonce})"

    def math_item(self, i):
        answer = self.rng.choice(self.math)
        right = self.rng.random() < 0.6
        shown = answer if right else answer + "1"
        think = self.rng.choice(self.THINK) + self._tag()
        return {"id": i, "group": i // 8, "completion": f"<think>\n{think}\n</think>\n<answer>\n\\boxed{{{shown}}}\n</answer>",
                "reference": {"answer": answer}}

    def code_item(self, i):
        reference, code = self.rng.choice(self.code)
        if self.distinct:
            code += f"\n# attempt {self._tag()}\n"
        return {"id": i, "completion": f"<think>\nHere is my solution.\n</think>\n<answer>\n```python\n{code}\n```\n</answer>",
                "reference": reference}

    def format_item(self, i):
        kind = self.rng.random()
        think = self.rng.choice(self.THINK) + self._tag()
        if kind < 0.6:
            text = f"<think>\n{think}\n</think>\n<answer>\n{self.rng.randint(0, 999)}\n</answer>"
        elif kind < 0.8:
            text = f"The answer is {self.rng.randint(0, 999)}.{self._tag()}"
        else:
            text = f"<think>\n{think}\n</think>\n<answer>\n42\n</answer>\nHope this helps!"
        return {"id": i, "completion": text}

    def request(self, rules=None, max_batch=64):
        """One request: (rule, item count, body bytes)."""
        rules = rules or self.rules
        r = self.rng.random() * sum(w for _, w in rules)
        for rule, weight in rules:
            r -= weight
            if r <= 0:
                break
        n = self.rng.randint(1, min(max_batch, self.code_max_batch) if rule == "code" else max_batch)
        make = {"r1-math": self.math_item, "format": self.format_item, "code": self.code_item}[rule]
        items = [make(i) for i in range(n)]
        return rule, n, json.dumps({"rule": rule, "items": items}, separators=(",", ":")).encode()


# ---------------------------------------------------------------------------------------------------- server

class Server:
    """One `assay serve` on loopback with an ephemeral port; stdout and stderr go to files."""

    def __init__(self, cache, log_prefix, extra=()):
        self.log_prefix = log_prefix
        self.stdout_path = log_prefix + ".out"
        self.stderr_path = log_prefix + ".err"
        args = [BINARY, "serve", "--host", "127.0.0.1", "--port", "0", "--rules", os.path.join(ROOT, "rules")]
        args += ["--cache", cache] if cache else ["--no-cache"]
        # One load generator stands for many trainers: the per-client limit (429 beyond N requests in flight
        # from one address) would measure the limiter, not the engine, so it is off here.
        args += ["--max-client-concurrency", "0"]
        args += list(extra)
        self.out = open(self.stdout_path, "wb")
        self.err = open(self.stderr_path, "wb")
        self.proc = subprocess.Popen(args, stdout=self.out, stderr=self.err, cwd=ROOT)
        self.port = None
        deadline = time.time() + 60
        while time.time() < deadline and self.port is None:
            if self.proc.poll() is not None:
                raise RuntimeError(f"assay serve exited {self.proc.returncode}: {self.stderr()}")
            with open(self.stdout_path, encoding="utf-8", errors="replace") as f:
                m = re.search(r"listening on http://127\.0\.0\.1:(\d+)", f.read())
            if m:
                self.port = int(m.group(1))
            else:
                time.sleep(0.05)
        if self.port is None:
            self.kill()
            raise RuntimeError("assay serve did not report its port")

    @property
    def pid(self):
        return self.proc.pid

    def rss_mb(self):
        try:
            with open(f"/proc/{self.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        return float("nan")

    def stdout(self):
        with open(self.stdout_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def stderr(self):
        with open(self.stderr_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def kill(self, sig=signal.SIGKILL):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.out.close()
        self.err.close()
        return self.proc.returncode

    def stop(self):
        return self.kill(signal.SIGTERM)


# ---------------------------------------------------------------------------------------------------- HTTP

class HTTPConnection:
    """A keep-alive HTTP/1.1 connection over asyncio streams (Content-Length and chunked responses)."""

    def __init__(self, port):
        self.port = port
        self.reader = self.writer = None

    async def open(self):
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        sock = self.writer.get_extra_info("socket")
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def close(self):
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def request(self, method, path, body=b"", headers=None):
        if self.writer is None:
            await self.open()
        head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
        if body:
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        for k, v in (headers or {}).items():
            head += f"{k}: {v}\r\n"
        self.writer.write(head.encode() + b"\r\n" + body)
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionResetError("connection closed before the status line")
        status = int(status_line.split()[1])
        length, chunked, close = None, False, False
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            name = name.strip().lower()
            value = value.strip()
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding" and "chunked" in value.lower():
                chunked = True
            elif name == "connection" and value.lower() == "close":
                close = True
        if chunked:
            parts = []
            while True:
                size = int((await self.reader.readline()).split(b";")[0], 16)
                if size == 0:
                    await self.reader.readline()
                    break
                parts.append(await self.reader.readexactly(size))
                await self.reader.readexactly(2)
            data = b"".join(parts)
        elif length is not None:
            data = await self.reader.readexactly(length)
        else:
            data = await self.reader.read()
            close = True
        if close:
            self.close()
        return status, data


async def get(port, path):
    conn = HTTPConnection(port)
    try:
        return await conn.request("GET", path)
    finally:
        conn.close()


def metric(text, series):
    """The value of one Prometheus series (exact name with labels) in a /metrics text, or None."""
    for line in text.splitlines():
        if line.startswith(series + " "):
            return float(line.rsplit(" ", 1)[1])
    return None


# ---------------------------------------------------------------------------------------------------- load

class Tally:
    def __init__(self):
        self.requests = 0            # answered (any status)
        self.items = 0               # items with a reward in a 200 answer
        self.items_sent = 0          # items in requests that were answered
        self.items_lost = 0          # items of answered requests that did not come back with a reward
        self.by_status = {}
        self.latencies = []          # seconds, answered requests
        self.by_rule = {}            # rule -> [latencies]
        self.connection_errors = 0   # requests sent that got no answer (reset or closed mid-request)
        self.refused = 0             # connection attempts refused (no server listening)
        self.unfinished = 0          # requests still waiting when the run was cut off
        self.first_5xx_at = None
        self.checked = []            # (body, response) kept for re-scoring, when asked

    def add(self, rule, n, status, data, latency, keep=None):
        self.requests += 1
        self.items_sent += n
        self.by_status[status] = self.by_status.get(status, 0) + 1
        self.latencies.append(latency)
        self.by_rule.setdefault(rule, []).append(latency)
        if status >= 500 and self.first_5xx_at is None:
            self.first_5xx_at = time.monotonic()
        if status == 200:
            rewards = data.count(b'"reward":')
            good = min(rewards, n)
            self.items += good
            self.items_lost += n - good
            if keep is not None:
                keep.append(data)
        else:
            self.items_lost += n

    @property
    def five_xx(self):
        return sum(c for s, c in self.by_status.items() if s >= 500)


def percentile(values, p):
    if not values:
        return float("nan")
    s = sorted(values)
    k = min(len(s) - 1, max(0, int(round(p / 100 * (len(s) - 1)))))
    return s[k]


async def run_load(port, source, duration, connections, tally, stop_event=None, grace=120.0,
                   keep_requests=None, rules=None, max_batch=64):
    """Closed-loop load: `connections` keep-alive connections, each sending batches back to back until
    `duration` seconds have passed (or `stop_event` is set). Requests in flight at the end are awaited for up
    to `grace` seconds and then counted as unfinished. Returns the wall time from start to the last answer."""
    start = time.monotonic()
    end = start + duration
    stop_event = stop_event or asyncio.Event()

    async def connection(index):
        conn = HTTPConnection(port)
        backoff = 0.05
        while time.monotonic() < end and not stop_event.is_set():
            rule, n, body = source.request(rules=rules, max_batch=max_batch)
            t0 = time.monotonic()
            try:
                status, data = await conn.request("POST", "/v1/score", body, {"X-Assay-Group": f"load-{index % 16}"})
            except ConnectionRefusedError:
                conn.close()
                tally.refused += 1
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 1.0)
                continue
            except (OSError, asyncio.IncompleteReadError, ConnectionError, ValueError, IndexError):
                conn.close()
                tally.connection_errors += 1
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 1.0)
                continue
            backoff = 0.05
            tally.add(rule, n, status, data, time.monotonic() - t0)
            if keep_requests is not None and status == 200:
                keep_requests.append((body, data))
        conn.close()

    tasks = [asyncio.ensure_future(connection(i)) for i in range(connections)]
    done, pending = await asyncio.wait(tasks, timeout=duration + grace)
    for task in pending:
        task.cancel()
    tally.unfinished += len(pending)
    if pending:
        await asyncio.gather(*pending, return_exceptions=True)
    return time.monotonic() - start


def rewards_by_id(response):
    return {r["id"]: r.get("reward") for r in json.loads(response)["results"]}


async def rescore(port, pairs, connections=8):
    """Sends each kept request body again and compares every item's reward with the first answer.
    Returns (requests compared, items compared, mismatches, non-200 answers, items served from the cache)."""
    queue = list(pairs)
    compared = items = mismatches = failed = cached = 0

    async def worker():
        nonlocal compared, items, mismatches, failed, cached
        conn = HTTPConnection(port)
        while queue:
            body, first = queue.pop()
            status, data = await conn.request("POST", "/v1/score", body)
            if status != 200:
                failed += 1
                continue
            before, after = rewards_by_id(first), rewards_by_id(data)
            compared += 1
            items += len(before)
            mismatches += sum(1 for k, v in before.items() if after.get(k) != v)
            cached += data.count(b'"cached":true')
        conn.close()

    await asyncio.gather(*(worker() for _ in range(connections)))
    return compared, items, mismatches, failed, cached


def integrity_check(path):
    """PRAGMA integrity_check with the sqlite3 CLI if installed, else Python's sqlite3 (read-only)."""
    if os.access("/usr/bin/sqlite3", os.X_OK):
        out = subprocess.run(["/usr/bin/sqlite3", "-readonly", path, "PRAGMA integrity_check;"],
                             capture_output=True, text=True)
        return (out.stdout.strip() or out.stderr.strip())
    import sqlite3
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0]


def cache_rows(path):
    out = subprocess.run(["/usr/bin/sqlite3", "-readonly", path, "SELECT count(*) FROM cache;"], capture_output=True, text=True)
    try:
        return int(out.stdout.strip())
    except ValueError:
        return -1
