"""The manifest in docProps/custom.xml and its HMAC-SHA256 signature."""

from __future__ import annotations

import hashlib
import hmac
from xml.sax.saxutils import escape

from resultat.core.wordexchange.model import Manifest

CT_CUSTOM = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
RT_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
NS_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
NS_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
PREFIX = "resultat.manifest."
SIGNATURE = "resultat.signature"
CHUNK = 240  # Word keeps text properties of at most 255 characters
_SALT = b"resultat.wordexchange.v1:"


def sign(manifest_json: str, key: bytes) -> str:
    return hmac.new(key, _SALT + manifest_json.encode("utf-8"), hashlib.sha256).hexdigest()


def verify(manifest_json: str, signature: str, key: bytes) -> bool:
    return hmac.compare_digest(sign(manifest_json, key), signature or "")


def custom_properties_xml(manifest: Manifest, key: bytes) -> bytes:
    text = manifest.to_json()
    chunks = [text[i : i + CHUNK] for i in range(0, len(text), CHUNK)] or [""]
    props = [(f"{PREFIX}{n:04d}", chunk) for n, chunk in enumerate(chunks)] + [(SIGNATURE, sign(text, key))]
    body = "".join(
        f'<property fmtid="{FMTID}" pid="{pid}" name="{escape(name)}"><vt:lpwstr>{escape(value)}</vt:lpwstr></property>'
        for pid, (name, value) in enumerate(props, start=2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{NS_CUSTOM}" xmlns:vt="{NS_VT}">{body}</Properties>'
    ).encode()


def manifest_from_properties(props: dict[str, str]) -> tuple[str, str]:
    """The manifest's JSON text (chunks joined in order) and the signature."""
    chunks = sorted((name, value) for name, value in props.items() if name.startswith(PREFIX))
    return "".join(value for _name, value in chunks), props.get(SIGNATURE, "")
