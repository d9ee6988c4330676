"""Runners for batches larger than one process: parallel ingest on Dask."""
