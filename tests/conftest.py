"""Test configuration shared by the whole suite; helpers live in `support`."""
