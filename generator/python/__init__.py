"""The Python target: its naming service (`names`), used by render.py and the templates."""
