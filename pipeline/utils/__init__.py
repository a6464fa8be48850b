"""Small helpers grouped by concern: clustering, geometry and text."""
