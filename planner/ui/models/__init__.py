"""Thin Qt item models over the plain rows of a loaded plan."""
