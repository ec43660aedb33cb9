"""The folders of a bulletin's repository, and the kinds of content named after theirs, in one place.

A kind's folder name is also its URL section and its `kind`: content/van-ban/a.md is a document, at
/van-ban/a/.
"""

SITE_CONFIG = "site.yaml"
CONTENT = "content"  # content/*.md are plain pages; the sections below hold the rest
DOCUMENTS = "van-ban"  # content/van-ban/: documents (văn bản)
ARTICLES = "tin-bai"  # content/tin-bai/: articles (tin bài)
EDITIONS = "ban-tin"  # content/ban-tin/: numbered issues of the bulletin (số bản tin)
PAGES = "trang"  # the kind of a plain page (it has no folder of its own)
SECTIONS = (DOCUMENTS, ARTICLES, EDITIONS)
STATIC = "static"  # copied as they are to the root of the site
TEMPLATES = "templates"  # the site's own templates, over the theme's
CACHE = ".sitegen-cache"
OUTPUT = {"public": "output", "internal": "output-noi-bo"}  # each edition's default output folder
PRINTS = "ban-in"  # `sitegen print`'s PDFs, beside output/ and like it ignored by git
