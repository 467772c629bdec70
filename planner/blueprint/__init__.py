"""Blueprint format version 1: typed models, the safe loader and JSON Schema export."""

from planner.blueprint.loader import LoadedBlueprint, load_blueprint, load_blueprint_text
from planner.blueprint.schema import Blueprint

__all__ = ["Blueprint", "LoadedBlueprint", "load_blueprint", "load_blueprint_text"]
