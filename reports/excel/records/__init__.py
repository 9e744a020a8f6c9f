"""The records part's workbooks read in: room and people rosters."""
