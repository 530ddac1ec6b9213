"""sdkgen: an OpenAPI 3.0/3.1 to typed Python client generator.

Stages, one module each: load -> validate -> resolve -> build (ir) ->
render -> format -> write. `pipeline.render_spec` runs them in order.
"""

__version__ = "0.1.0"
