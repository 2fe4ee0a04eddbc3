"""Crosscheck: find the figures in a news page and compare them with what other sources report."""

__version__ = "0.1.0"
