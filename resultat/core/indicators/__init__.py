"""Indicator algorithms without Django: progress assessment (Open SDG's method)
and comparison with the country."""
