"""Extractors: small pure functions from a parsed document to record items.

Each module here defines one extractor as ``EXTRACTOR = Extractor(...)``: a
name, a version (bumped whenever its output changes), the record field it
fills, the function ``run(doc, ctx) -> items`` and, optionally, ``load()``
returning the resources it needs (loaded once per pipeline, passed back in
``ctx.resources[name]``). The order in which they run is the explicit list
in :mod:`newsledger.pipeline`.
"""
