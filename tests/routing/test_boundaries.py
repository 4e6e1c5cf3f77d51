"""Architecture: routing/ stays a library (no web imports), the kernel knows nothing else of
routing, there is no import cycle, and the public names exist (``routing.__all__`` pinned)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import routing

ROUTING = Path(__file__).resolve().parents[2] / "routing"
FORBIDDEN = {"fastapi", "pydantic", "pydantic_settings", "httpx", "starlette", "uvicorn"}
#: every module of the routing package, as dotted names (``routing.kernel.raptor`` ...)
MODULES = sorted(
    ".".join(("routing", *p.relative_to(ROUTING).with_suffix("").parts)).removesuffix(
        ".__init__")
    for p in ROUTING.rglob("*.py")
)
PUBLIC = [
    "AmbiguousPlaceError", "Coordinate", "Dataset", "FeedError", "Journey", "Leg",
    "NoServiceError", "PlaceRef", "PlaceSpec", "PlanResult", "Planner", "ProfileStore", "Query",
    "QueryError", "RoutingError", "StopRef", "UnknownPlaceError", "VenueFileError", "VenueRef",
    "format_journey", "load_dataset", "parse_place", "plan",
]


def _path(module: str) -> Path:
    parts = module.split(".")[1:]
    file = ROUTING.joinpath(*parts).with_suffix(".py")
    return file if file.exists() else ROUTING.joinpath(*parts, "__init__.py")


def _imports(module: str) -> set[str]:
    """Absolute names imported by ``module`` (relative imports resolved)."""
    path = _path(module)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                names.add(".".join([*base, node.module]))
            else:
                names.add(node.module)
    return names


def _routing_deps(module: str) -> set[str]:
    """The routing modules ``module`` imports (a package import counts as its __init__)."""
    deps = set()
    for name in _imports(module):
        while name and name not in MODULES:
            name = name.rpartition(".")[0]
        if name and name != module and name != "routing":
            deps.add(name)
    return deps


def test_the_layers_exist():
    assert {"routing.data.gtfs", "routing.plan.planner", "routing.journeys",
            "routing.kernel.raptor", "routing.kernel.timetable", "routing.limits"} <= set(
        MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_routing_module_has_no_web_imports(name):
    assert not {n.split(".")[0] for n in _imports(name)} & FORBIDDEN


@pytest.mark.parametrize("name", [m for m in MODULES if m.startswith("routing.kernel")])
def test_kernel_imports_only_numpy_numba_and_itself(name):
    outside = {n for n in _imports(name) if n.startswith("routing")
               and not n.startswith("routing.kernel")}
    assert outside == set(), f"{name} imports {outside}"


@pytest.mark.parametrize("name", [m for m in MODULES if m.startswith("routing.data")])
def test_data_does_not_import_plan(name):
    assert not {n for n in _routing_deps(name) if n.startswith("routing.plan")}


def test_no_import_cycle():
    graph = {m: _routing_deps(m) for m in MODULES if m != "routing"}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for dep in graph.get(node, ()):
            if state.get(dep) == 1:
                cycle = trail[trail.index(dep):] if dep in trail else trail
                pytest.fail("import cycle: " + " -> ".join([*cycle, dep]))
            if dep not in state:
                visit(dep, [*trail, dep])
        state[node] = 2

    for module in graph:
        if module not in state:
            visit(module, [module])


@pytest.mark.parametrize("name", MODULES)
def test_routing_module_all_names_exist(name):
    module = importlib.import_module(name)
    names = getattr(module, "__all__", None)
    if name != "routing" and _path(name).name == "__init__.py":
        return  # a wing's __init__ only documents it
    assert names is not None, f"{name} declares no __all__"
    assert sorted(n for n in names if not hasattr(module, n)) == []
    assert len(set(names)) == len(names)


def test_public_face_is_pinned():
    assert sorted(routing.__all__) == sorted(PUBLIC)


def test_no_module_is_too_long():
    long = {m: n for m in MODULES
            if (n := len(_path(m).read_text(encoding="utf-8").splitlines())) > 420}
    assert long == {}
