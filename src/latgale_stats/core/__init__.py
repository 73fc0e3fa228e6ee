"""The typed core: model, problems, regions, indicators, output declarations, paths and atomic files.
Imports nothing above it (see the layering contract in pyproject.toml)."""
