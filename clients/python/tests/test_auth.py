"""Bearer token: AssayClient(token=…) and ASSAY_TOKEN against `assay serve --token-file`."""

from __future__ import annotations

import json
import os
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from assay_client import AssayClient, AssayRequestError, Item
from conftest import free_port

TOKEN = "test-token-5f1c2a9e"


@pytest.fixture(scope="module")
def token_server(tmp_path_factory):
    root = Path(__file__).resolve().parents[3]
    binary = os.environ.get("ASSAY_BIN") or next(
        (str(p) for p in [root / ".build/debug/assay", root / ".build/release/assay"] if p.exists()), "")
    if not os.access(binary, os.X_OK):
        pytest.fail(f"server binary {binary!r} not found or not executable (set ASSAY_BIN)")
    rules = os.environ.get("ASSAY_RULES", str(root / "rules"))
    token_file = tmp_path_factory.mktemp("auth") / "token"
    token_file.write_text(TOKEN + "\n")
    token_file.chmod(0o600)
    port = free_port()
    proc = subprocess.Popen([binary, "serve", "--host", "127.0.0.1", "--port", str(port), "--rules", rules,
                             "--no-cache", "--token-file", str(token_file)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=1) as r:
                if json.load(r).get("status") == "ok":
                    break
        except OSError:
            time.sleep(0.05)
    if proc.poll() is not None:
        pytest.fail(f"assay serve --token-file did not start: {proc.stdout.read() if proc.stdout else ''}")
    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_without_a_token_the_server_answers_401(token_server, monkeypatch):
    monkeypatch.delenv("ASSAY_TOKEN", raising=False)
    client = AssayClient(token_server, retries=0)
    assert client.health()["status"] == "ok"  # /healthz stays open
    with pytest.raises(AssayRequestError) as info:
        client.score([{"completion": "\\boxed{7}", "reference": {"answer": "7"}}], rule="math")
    assert info.value.status == 401 and info.value.code == "unauthorized" and info.value.field == "Authorization"
    with pytest.raises(AssayRequestError):
        AssayClient(token_server, token="not-the-token").rules()


def test_token_argument_is_sent_as_a_bearer_header(token_server, monkeypatch):
    monkeypatch.delenv("ASSAY_TOKEN", raising=False)
    client = AssayClient(token_server, token=TOKEN)
    assert [r["reward"] for r in client.score([Item("\\boxed{7}", reference="7")], rule="math")] == [1]
    assert any(r["name"] == "math" for r in client.rules())
    assert TOKEN not in repr(client)


def test_assay_token_environment_variable(token_server, monkeypatch):
    monkeypatch.setenv("ASSAY_TOKEN", f"  {TOKEN}\n")
    assert AssayClient(token_server).score([Item("\\boxed{7}", reference=7)], rule="math")[0]["reward"] == 1
    monkeypatch.setenv("ASSAY_TOKEN", TOKEN)
    with pytest.raises(AssayRequestError):  # token="" overrides the environment: no header
        AssayClient(token_server, token="", retries=0).rules()


def test_a_token_with_spaces_is_refused_before_sending():
    with pytest.raises(ValueError):
        AssayClient("http://127.0.0.1:1", token="two words")
