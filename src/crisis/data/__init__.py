"""Reading and validating the data: loaders, the check, text and date utilities, the codebook.

The lowest layer: it imports nothing from analysis, report or build.
"""
