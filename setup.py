"""The optional C loops over characters (pipeline/pdf/_native.c); everything else is in pyproject.toml.

`optional`: without a C compiler the install goes on, and the same loops run in Python.
"""
from setuptools import Extension, setup

setup(ext_modules=[Extension("pipeline.pdf._native", ["pipeline/pdf/_native.c"], optional=True)])
