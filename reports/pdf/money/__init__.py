"""Money's printed documents: receipt, refund slip, reminders, daily close sheet."""
