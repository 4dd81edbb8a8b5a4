"""The extract in: reading an extract's tables and validating them.

Owns the file formats (CSV, Excel, Parquet), the schemas and every error
that names a table, row, column and value. May import ``vocab`` and
``problems`` only.
"""
