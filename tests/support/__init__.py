"""Test scaffolding shared by the layers: hand-built frames and project copies."""
