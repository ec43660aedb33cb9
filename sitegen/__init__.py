"""sitegen: static site generator for Vietnamese Party and government bulletins."""

__version__ = "0.1.0"
