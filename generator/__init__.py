"""sdkgen: an OpenAPI 3.0/3.1 to typed Python client generator.

Stages, one module each: load -> validate -> resolve -> build (ir) ->
render -> format -> write. `pipeline.render_spec` runs them in order.
"""

from pathlib import Path

__version__ = "0.1.0"

# In a checkout: <repo>/templates. Installed: generator/templates (pyproject.toml maps it).
_HERE = Path(__file__).resolve().parent
TEMPLATES = _HERE / "templates" if (_HERE / "templates").is_dir() else _HERE.parent / "templates"
