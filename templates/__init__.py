"""letterlingo's default templates, stylesheet and fonts.

This folder is the repository's top-level `templates/` and, in an installed letterlingo, the
`letterlingo.templates` package (a package so that importlib.resources finds it in both).
A project's own `templates/` overrides these files one by one.
"""
