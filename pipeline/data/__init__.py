"""The package's data tables (JSON files beside this module) and the one function that reads them."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def data_json(name: str) -> Any:
    """Return the parsed JSON of ``pipeline/data/<name>`` ("date_cues.json").

    One place reads the package's data tables, so every module finds them the same way; cached
    because they are read on every call path. The result is shared: callers must not mutate it.
    """
    return json.loads(resources.files("pipeline.data").joinpath(name).read_text(encoding="utf-8"))
