"""Outputs: files, terminal tables, agency views and plan comparisons built from Plan models."""
