"""Reading an earlier edition from its file: OCR text, or a PDF's text layer.

``parse_source`` returns the parsed report and the OCR text it came from ("" for a PDF
read from its text layer: the front matter's line ranges refer to the OCR text, so they
are read only on the OCR path). A ``.pdf`` is read with
``resultat.core.reportparse.pdf`` (no OCR repair, nothing to repair); a PDF without a text
layer (a scanned copy) is refused with a message saying so, unless an OCR text of it is
given (``ocr_text``), which then takes the OCR path.
"""

from __future__ import annotations

from pathlib import Path

from resultat.core.reportparse import ParsedReport, ReportParseError, parse_report


class SourceError(ValueError):
    """The file cannot be read as a report; the message says what and where."""


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise SourceError(f"{path}: filen finns inte") from exc
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path}: filen är inte UTF-8 (byte {exc.start})") from exc


def is_pdf(path: Path) -> bool:
    if path.suffix.lower() == ".pdf":
        return True
    try:
        with path.open("rb") as f:
            return f.read(5) == b"%PDF-"
    except OSError:
        return False


def parse_source(path: Path, *, year: int, structure: dict, ocr_text: Path | None = None) -> tuple[ParsedReport, str]:
    if path.exists() and is_pdf(path):
        from resultat.core.reportparse import pdflines
        from resultat.core.reportparse.pdf import parse_pdf_report

        try:
            return parse_pdf_report(path, year=year, structure=structure, source=str(path)), ""
        except pdflines.NoTextLayer as exc:
            if ocr_text is None:
                raise SourceError(str(exc)) from exc
        except pdflines.PdfError as exc:
            raise SourceError(str(exc)) from exc
        except ReportParseError as exc:
            raise SourceError(f"{path}: {exc}") from exc
        path = ocr_text  # the scanned copy's OCR text
    elif ocr_text is not None:
        raise SourceError(f"--ocr-text gäller bara en PDF utan textlager; {path} är ingen PDF")
    text = read_text(path)
    try:
        return parse_report(text, year=year, structure=structure, source=str(path)), text
    except ReportParseError as exc:
        raise SourceError(f"{path}:{exc.line}: {exc}") from exc
