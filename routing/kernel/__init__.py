"""The RAPTOR kernel: integers and seconds only. Imports numpy/numba and nothing else of
``routing`` (an architecture test enforces it)."""
