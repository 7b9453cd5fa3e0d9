"""Error types shared by the indicator-source connectors.

Every failure the connectors raise is a :class:`SourceError`, so a caller that
syncs Kolada or SCB can catch one type and still read *what* went wrong and
*where* from the message and the attributes.
"""

from __future__ import annotations


class SourceError(Exception):
    """Base class for every error raised by ``resultat.core.sources``."""


class RequestFailed(SourceError):
    """An HTTP request could not be completed (after any retries).

    Attributes say which request, which attempt and what status (``None`` when
    no response arrived, e.g. a timeout).
    """

    def __init__(
        self,
        *,
        method: str,
        url: str,
        attempt: int,
        max_attempts: int,
        status: int | None,
        detail: str,
    ) -> None:
        self.method = method
        self.url = url
        self.attempt = attempt
        self.max_attempts = max_attempts
        self.status = status
        self.detail = detail
        status_text = f"HTTP {status}" if status is not None else "no response"
        super().__init__(
            f"{method} {url} failed on attempt {attempt} of {max_attempts} "
            f"({status_text}): {detail}"
        )


class HttpStatusError(RequestFailed):
    """The server answered with a non-success status."""


class TransportError(RequestFailed):
    """No usable response: timeout, connection refused, connection reset, ..."""


class ParseError(SourceError):
    """A response did not have the documented shape.

    ``path`` is a JSON-path-like pointer to the offending field, for example
    ``values[3].values[1].gender``; ``source`` is the URL (or fixture name) the
    document came from, when known.
    """

    def __init__(self, problem: str, path: str = "$", source: str | None = None) -> None:
        self.problem = problem
        self.path = path
        self.source = source
        super().__init__(f"{path}: {problem}" + (f" (in {source})" if source else ""))

    def with_source(self, source: str) -> ParseError:
        """Return a copy that also names the document the error was found in."""
        return ParseError(self.problem, self.path, source)


class BatchAborted(SourceError):
    """A multi-request fetch failed part-way; nothing of the batch is returned."""

    def __init__(self, message: str, *, completed_requests: int, planned_requests: int) -> None:
        self.completed_requests = completed_requests
        self.planned_requests = planned_requests
        super().__init__(message)


def describe(value: object) -> str:
    """Short, safe description of a JSON value for error messages."""
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{type(value).__name__} {text}"
