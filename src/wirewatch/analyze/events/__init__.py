"""Event coding: who did what to whom, coded in CAMEO (with Goldstein scores) and PLOVER."""
