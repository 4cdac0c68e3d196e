"""Benchmarks: wirewatch side by side with its peers, one table per run."""
