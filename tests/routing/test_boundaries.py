"""Architecture: routing/ stays a library (no web imports) and its public names exist."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROUTING = Path(__file__).resolve().parents[2] / "routing"
FORBIDDEN = {"fastapi", "pydantic", "pydantic_settings", "httpx", "starlette", "uvicorn"}
MODULES = sorted(p.stem for p in ROUTING.glob("*.py") if p.stem != "__init__")


def _imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_there_are_routing_modules():
    assert {"gtfs", "planner", "journeys", "raptor"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_routing_module_has_no_web_imports(name):
    assert not _imported_roots(ROUTING / f"{name}.py") & FORBIDDEN


@pytest.mark.parametrize("name", MODULES)
def test_routing_module_all_names_exist(name):
    module = importlib.import_module(f"routing.{name}")
    names = getattr(module, "__all__", None)
    assert names is not None, f"routing.{name} declares no __all__"
    assert sorted(n for n in names if not hasattr(module, n)) == []
    assert len(set(names)) == len(names)
