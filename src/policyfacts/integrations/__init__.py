"""Adapters for distributed engines (Dask). Import the submodule you need."""
