"""werkprogramma: SERV work programme PDFs → structured, linked, comparable data.

The library is the product; the `werkprogramma` command is a thin layer over it:

    from pipeline import extract
    programme = extract("corpus/serv-werkprogramma-2024.pdf")
"""
from pipeline.extract import ExtractionError, extract
from pipeline.models import Programme
from pipeline.score import score_programme

__version__ = "0.1.0"
__all__ = ["ExtractionError", "Programme", "__version__", "extract", "score_programme"]
