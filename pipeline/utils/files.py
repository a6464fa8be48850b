"""Write results: canonical JSON, written to a temporary file and renamed into place."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any


def _process_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


FILE_MODE = 0o666 & ~_process_umask()


def canonical_json(data: Any) -> str:
    """JSON with a fixed layout, so the same data always gives the same bytes (pydantic models too)."""
    if hasattr(data, "model_dump"):
        data = data.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def relative_link(target: Path, folder: Path) -> str:
    """The address of `target` from a page in `folder` (a relative POSIX path)."""
    return Path(os.path.relpath(target.resolve(), folder.resolve())).as_posix()


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write text (UTF-8) or bytes to `path` without ever leaving a half-written file there (mode as the
    user's umask says)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with (os.fdopen(handle, "wb") if isinstance(content, bytes)
              else os.fdopen(handle, "w", encoding="utf-8", newline="\n")) as stream:
            stream.write(content)
        os.chmod(temporary, FILE_MODE)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def cache_dir() -> Path:
    """`$WERKPROGRAMMA_CACHE`, else `$XDG_CACHE_HOME/werkprogramma`, else `~/.cache/werkprogramma`."""
    if folder := os.environ.get("WERKPROGRAMMA_CACHE"):
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "werkprogramma"
