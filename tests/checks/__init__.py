"""Tests of `letterlingo check` and the checks behind it."""
