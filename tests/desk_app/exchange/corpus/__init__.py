"""A corpus of Excel ledgers laid out the way published government ledgers are, with the result the
import must reach row by row (layouts.py), and the builder that writes them (build.py)."""
