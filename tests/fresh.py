"""Python code run in a fresh interpreter: for what a test must see before anything is imported, loaded
or frozen in the test process."""
from __future__ import annotations

import os
import subprocess
import sys


def run_fresh(code: str, **environment: str) -> str:
    """The standard output of `code` run by a fresh Python (with these environment variables added);
    the test fails with the error output if it does not end well."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **environment})
    assert done.returncode == 0, done.stderr
    return done.stdout
