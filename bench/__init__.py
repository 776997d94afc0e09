"""Benchmarks of the joint report's rendering, page latency under load and query counts.

Run them all with `make bench` (see bench/README.md); they are never part of `make test`.
"""
