"""Bundled demo corpus (invented reports and observations, marked as demo data)."""
