"""Sharing: exporters behind one marking rule (``markings.combine_markings``), starting with
briefings (``brief``) rendered to HTML and PDF."""

__all__: list[str] = []
