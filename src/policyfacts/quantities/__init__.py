"""Quantities and dates: numeral grammar, units, approximation words, and their links inside the sentence."""
