"""The yearly report: model (plain data classes), renderers (HTML, PDF via Typst, DOCX),
content summaries, slices and edition differences. No Django import."""
