"""The hub's periodic statistics: monthly and quarterly roll-ups in the shape police statistics
are published (docs/STATISTICS.md)."""
