"""The build layer: what turns the notebooks and data into the book (Sphinx extensions)."""
