"""kehoach: Vietnamese plan documents (Kế hoạch) into structured, checkable data."""

__version__ = "0.1.0"
SCHEMA_VERSION = "1"
