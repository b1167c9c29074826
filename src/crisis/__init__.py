"""Load, validate and analyse the coded sources of the report on foreign involvement
in the 2019 Venezuelan presidential crisis."""
