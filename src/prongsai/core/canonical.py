"""Canonical JSON: the one byte form that hashes and fingerprints are taken over.

Sorted keys, no spaces, UTF-8 with Thai left as is: the same data always gives the same bytes,
so an audit hash or a published fingerprint can be recomputed by anyone holding the data.
"""

import json
from typing import Any


def canonical_json(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
