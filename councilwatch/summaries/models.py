"""Models of the summaries app."""
