"""Analyse: answers from the knowledge base (series, event clusters, hotspots, shifts,
networks, actor profiles). Reads through the ``Store``; imports only model and store."""
