"""Renderers: pure functions from a planned blueprint to text, files or drawings."""
