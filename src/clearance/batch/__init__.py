"""Batch screening of customer files (CSV, XLSX, Parquet) against the screener."""

from clearance.batch.screen import ColumnMapping, RowError, ScreenSummary, screen_file

__all__ = ["ColumnMapping", "RowError", "ScreenSummary", "screen_file"]
