"""Extract: places, actors, quantitative facts and events from a document's text."""
