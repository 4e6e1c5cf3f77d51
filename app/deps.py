"""FastAPI dependencies as typed aliases; tests swap them with ``app.dependency_overrides``.

They are ``async def``: each only reads app state, and FastAPI runs a plain ``def``
dependency in the thread pool (two thread wake-ups per dependency per request)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from app.config import Settings
from app.errors import NotReadyError
from app.state import AppState
from routing.data.dataset import Dataset
from routing.plan.planner import Planner

__all__ = [
    "DatasetDep",
    "PlannerDep",
    "SettingsDep",
    "StateDep",
    "get_app_settings",
    "get_dataset",
    "get_planner",
    "get_state",
]


async def get_state(request: Request) -> AppState:
    """The loaded data; raises ``NotReadyError`` (503) until the lifespan has loaded it."""
    state: AppState | None = getattr(request.app.state, "menuju", None)
    if state is None:
        raise NotReadyError("The service is still loading its data; try again in a few seconds.")
    return state


async def get_app_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


StateDep = Annotated[AppState, Depends(get_state)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]


async def get_dataset(state: StateDep) -> Dataset:
    """The routing dataset of the loaded state (503 until loaded)."""
    return state.dataset


DatasetDep = Annotated[Dataset, Depends(get_dataset)]


async def get_planner(state: StateDep) -> Planner:
    """A planner on the loaded dataset with its venue profiles (503 until loaded)."""
    return Planner(state.dataset, state.profiles)


PlannerDep = Annotated[Planner, Depends(get_planner)]
