"""Test support shared by every app's tests: factories building real records from data/ (imported only by tests)."""
