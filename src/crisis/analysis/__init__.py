"""Pure functions on the loaded frames: the network and camps, the timeline, corroboration,
mentions and the export of derived tables. Imports only ``crisis.data``.
"""
