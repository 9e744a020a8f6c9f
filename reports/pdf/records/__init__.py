"""The records part's printed documents: the owner record card."""
