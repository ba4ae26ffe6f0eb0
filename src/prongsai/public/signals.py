"""Signals the public app sends, so apps above it can follow without public importing them.

`published` is sent once a publication is committed (never for a rolled-back one), with
`agency` and `fiscal_year`; the OIT checklist fills the addresses of what was published."""

from django.dispatch import Signal

published = Signal()
