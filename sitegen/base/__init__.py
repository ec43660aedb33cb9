"""Foundations every layer uses: diagnostics, the catalog of Vietnamese strings, Vietnamese text, YAML."""
