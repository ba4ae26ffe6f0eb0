"""Synthetic data at national scale: realistic agencies, people, measures, status histories,
ITA results and publications, the same for the same seed (`prongsai synth`)."""
