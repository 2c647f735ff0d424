"""Exceptions raised by :mod:`assay_client`.

Every exception the client raises on purpose derives from :class:`AssayError`::

    AssayError
    ├── AssayHTTPError          the server (or a proxy) answered with an HTTP error
    │   ├── AssayRequestError   4xx other than 429: the request is wrong; never retried
    │   │   └── UnknownRuleError    404 with field "rule"
    │   └── AssayServerError    5xx or 429 after every retry failed
    ├── AssayConnectionError    connection refused/reset, DNS, timeouts … after every retry failed
    ├── AssayProtocolError      a 2xx answer that breaks the API contract (not JSON, wrong result count, …)
    └── AssayGroupTooLargeError a GRPO group bigger than ``max_batch`` (also a ``ValueError``)

``AssayHTTPError`` carries the server's JSON error body
``{"error": {"status", "code", "field", "message"}}`` as attributes.
"""

from __future__ import annotations

from typing import Any, List, Optional


class AssayError(Exception):
    """Base class of every error raised by the Assay client.

    ``attempts`` lists, for errors raised after retrying, one line per failed attempt
    (``"<url>: <what happened>"``), oldest first.
    """

    def __init__(self, message: str, *, attempts: Optional[List[str]] = None) -> None:
        super().__init__(message)
        self.attempts: List[str] = list(attempts or [])


class AssayHTTPError(AssayError):
    """The server answered with an HTTP error status.

    Attributes:
        status: HTTP status code.
        code: the server's error code (``unknown_rule``, ``invalid_request``, ``server_busy``…), or None
            when the body was not an Assay error (e.g. a proxy's HTML page).
        field: the offending field (``rule``, ``items``, ``advantages``, ``(body)``, ``path``…), or None.
        message: the server's message (or the start of the raw body).
        body: the raw response body, decoded as UTF-8.
        url: the URL that answered.
    """

    def __init__(
        self,
        status: int,
        *,
        code: Optional[str],
        field: Optional[str],
        message: str,
        body: str,
        url: str,
        attempts: Optional[List[str]] = None,
    ) -> None:
        self.status = status
        self.code = code
        self.field = field
        self.message = message
        self.body = body
        self.url = url
        where = f" (field {field!r})" if field else ""
        super().__init__(f"HTTP {status} {code or ''}{where} from {url}: {message}".replace("  ", " "),
                         attempts=attempts)

    @classmethod
    def from_response(cls, status: int, body: bytes, url: str, *,
                      attempts: Optional[List[str]] = None) -> "AssayHTTPError":
        """Build the right subclass from a status and a raw body, parsing the Assay error JSON if present."""
        import json

        text = body.decode("utf-8", errors="replace")
        code: Optional[str] = None
        field: Optional[str] = None
        message = text.strip()[:500] or "(empty body)"
        try:
            parsed: Any = json.loads(text)
            err = parsed.get("error") if isinstance(parsed, dict) else None
            if isinstance(err, dict):
                code = err.get("code") if isinstance(err.get("code"), str) else None
                field = err.get("field") if isinstance(err.get("field"), str) else None
                if isinstance(err.get("message"), str):
                    message = err["message"]
        except ValueError:
            pass
        if status == 429 or status >= 500:
            klass: type = AssayServerError
        elif status == 404 and field == "rule":
            klass = UnknownRuleError
        else:
            klass = AssayRequestError
        return klass(status, code=code, field=field, message=message, body=text, url=url, attempts=attempts)


class AssayRequestError(AssayHTTPError):
    """A 4xx answer other than 429: the request itself is wrong. Never retried."""


class UnknownRuleError(AssayRequestError):
    """The rule named in the request is not loaded on the server (HTTP 404, field ``rule``)."""


class AssayServerError(AssayHTTPError):
    """A 5xx or 429 answer that persisted through every retry (and every URL)."""


class AssayConnectionError(AssayError):
    """No answer: connection refused or reset, DNS failure, or a timeout, on every attempt."""


class AssayProtocolError(AssayError):
    """A successful HTTP answer that does not follow the API (not JSON, wrong number of results, id mismatch)."""


class AssayGroupTooLargeError(AssayError, ValueError):
    """A GRPO group has more items than ``max_batch``; it cannot be split without changing its advantages."""
