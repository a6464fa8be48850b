"""Progress of a run over many files on stderr: a bar on a terminal, one line per file otherwise."""
from __future__ import annotations

import sys


class Progress:
    """Report each finished file: a tqdm bar when stderr is a terminal and there are several files, else the
    file's line (when given); errors always get a line of their own."""

    def __init__(self, total: int, description: str) -> None:
        self.bar = None
        if total > 1 and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=description, unit="file", file=sys.stderr, leave=False)

    def done(self, line: str | None = None, error: str | None = None) -> None:
        """One file finished: `line` says where its result went, `error` why there is none."""
        if self.bar is not None:
            if error:
                self.bar.write(f"error: {error}", file=sys.stderr)
            self.bar.set_postfix_str(line or "", refresh=False)
            self.bar.update(1)
        elif error or line:
            print(f"error: {error}" if error else line, file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
