"""The figures: counts, indicators and disclosure control.

Owns counting record-level tables to the contract's ``wres_return``, the
nine indicators computed from counts, and disclosure control: the only way
from exact counts to figures that may be published. May import
:mod:`wres_helpers.extract` and the shared modules.
"""
