"""Render: the site model -> {output path: bytes} through Jinja templates.

env.py makes the Jinja environment (the site's templates over the theme's); pages.py turns the model into
jobs, one per output file; digests.py says what each job is made from, so unchanged outputs are not
rendered again; pool.py renders many jobs across forked worker processes.
"""
