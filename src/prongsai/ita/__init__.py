"""ITA frameworks as data, scoring and analysis: the pure-Python core (no Django here).

* :mod:`prongsai.ita.framework` - per-year frameworks from ``data/ita-<year>.yaml``;
* :mod:`prongsai.ita.crosswalk` - items tied across years (``data/crosswalk.yaml``);
* :mod:`prongsai.ita.scoring` - indicator, tool and total scores; band, pass and rating;
* :mod:`prongsai.ita.measure_types` - the library of measure types (``data/measure-types.yaml``);
* :mod:`prongsai.ita.analysis` - weak indicators, failed items, points at stake, suggestions.
"""

from prongsai.ita.framework import (
    Framework,
    FrameworkError,
    available_years,
    load_framework,
    load_framework_file,
)
from prongsai.ita.scoring import ScoreResult, ScoringError, score, score_from_codes

__all__ = [
    "Framework",
    "FrameworkError",
    "ScoreResult",
    "ScoringError",
    "available_years",
    "load_framework",
    "load_framework_file",
    "score",
    "score_from_codes",
]
