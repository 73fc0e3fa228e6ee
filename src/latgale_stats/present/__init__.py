"""Presentation: CLDR number formats, LV/EN phrases, the figures and the justification sentences."""
