"""Labelled synthetic data generators for benchmarks (deterministic by seed, streaming)."""
