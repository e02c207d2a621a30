"""The edge: console modes, rich views, JSON and NDJSON writers.

Domain modules never import this package.
"""
