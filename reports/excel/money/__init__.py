"""Money's workbooks read in: opening arrears and deposits."""
