"""Seeding: the demo (`seed_demo`) and the programme at scale for the benchmarks (`seed_scale`).

The top layer: it calls each app's public demo function in order and may read every app; no app
reads it. Each app keeps its own demo data in its own `demo.py`.
"""
