"""The optional C character loop (pipeline/_pdfium_chars.c); everything else is in pyproject.toml.

`optional`: without a C compiler the install goes on, and pipeline/sources.py runs the same loop in Python.
"""
from setuptools import Extension, setup

setup(ext_modules=[Extension("pipeline._pdfium_chars", ["pipeline/_pdfium_chars.c"], optional=True)])
