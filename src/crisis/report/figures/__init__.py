"""Figures of the book, one module per chapter family; each function returns a Figure."""
