"""Connectors for the indicator sources Kolada (v3) and SCB PxWebApi 2.0.

Plain Python (httpx only, no Django): ``areacodes`` maps area codes between
Kolada and SCB, ``http`` is the shared retrying/pacing HTTP layer with raw
response records for provenance, ``kolada`` and ``scb`` are the API clients and
``jsonstat`` is a strict JSON-stat 2.0 parser.  See docs/indicator-sources.md.
"""

from .errors import (
    BatchAborted,
    HttpStatusError,
    ParseError,
    RequestFailed,
    SourceError,
    TransportError,
)

__all__ = [
    "BatchAborted",
    "HttpStatusError",
    "ParseError",
    "RequestFailed",
    "SourceError",
    "TransportError",
]
