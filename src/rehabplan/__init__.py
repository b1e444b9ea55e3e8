"""Rehabplan: municipal training and rehabilitation."""

__version__ = "0.1.0"
