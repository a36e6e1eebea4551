"""Test plugins for the what-if tests (not installed: registered by the tests themselves)."""
