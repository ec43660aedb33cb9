"""Render: the site model -> {output path: bytes} through Jinja templates."""
