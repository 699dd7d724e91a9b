"""mapview: a conflict report turned into sourced, dated, mapped incidents."""

__version__ = "0.1.0"
