"""Offline web pages: the catalog, a diff and log statistics, each one self-contained HTML file.

Jinja2 renders with autoescaping on; every string from a catalog or a log is data. Script and
style are inline and allowed by their hashes alone (a Content-Security-Policy that forbids any
other script, any load from elsewhere), so a string that did slip through as markup could neither
run nor fetch. Data the page's script needs is embedded once as JSON (page.embed_json).
"""
