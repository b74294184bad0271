"""Adapters for distributed engines (Dask; Spark recipe in the docs). Import the submodule you need."""
