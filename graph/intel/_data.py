"""Read the policy files shipped in ``graph/intel/data``."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any


def load_toml(name: str) -> dict[str, Any]:
    text = resources.files("graph.intel").joinpath("data", name).read_text(encoding="utf-8")
    return tomllib.loads(text)
