"""Helpers of each chapter family, one module per family (``thematic`` for the four thematic
chapters, ``landing``, ``network``, ``timeline``, ``sources`` and ``appendix``)."""
