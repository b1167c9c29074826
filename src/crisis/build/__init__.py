"""Building the book: the notebook executor and the Sphinx extensions."""
