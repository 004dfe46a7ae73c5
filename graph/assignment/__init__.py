"""Which force investigates a report, which are told, and why (pure rules over postcodes)."""
