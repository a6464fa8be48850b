"""The optional C loops over characters (pipeline/_native.c); everything else is in pyproject.toml.

`optional`: without a C compiler the install goes on, and the same loops run in Python.
"""
from setuptools import Extension, setup

setup(ext_modules=[Extension("pipeline._native", ["pipeline/_native.c"], optional=True)])
