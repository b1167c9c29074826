"""What the book shows: the figure style, the figures, labels and the helpers of each chapter
family. Imports ``crisis.data`` and ``crisis.analysis``, never ``crisis.build``.
"""
