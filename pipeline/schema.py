"""The JSON Schema of the programme JSON, generated from the models, and validation against it."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from pipeline.programme import Programme
from pipeline.resources import SCHEMA_PATH

__all__ = ["SCHEMA_PATH", "programme_schema", "validation_errors"]


def programme_schema() -> dict:
    """The JSON Schema of `Programme`."""
    schema = Programme.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://github.com/werkprogramma/werkprogramma/schema/programme.schema.json"
    return schema


def validation_errors(path: Path) -> list[str]:
    """Why a programme JSON file does not match the schema (empty when it does)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ["no such file"]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return [f"not valid JSON ({error})"]
    validator = jsonschema.Draft202012Validator(programme_schema())
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(top)'}: {error.message}"
        for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    ]
