"""Renderers: plain data in, text out. Each output kind has a registry of formats."""
