"""Search: Pagefind's index over the rendered pages, and the search keys pages carry."""
