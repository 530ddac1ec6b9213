"""Names Python reserves, and names the generated Python code uses itself, which spec-made names may not take.

The naming rule (generator/naming.py, rule 4) gives a name found here a
trailing underscore. Each set belongs to one namespace of the output;
`KEYWORDS` belongs to all of them.
"""

from __future__ import annotations

import keyword
from pathlib import Path

KEYWORDS = frozenset(keyword.kwlist) | frozenset({"self", "cls"})

# Names a generated package must not take: importing it would shadow these.
PACKAGE = frozenset(
    line.strip()
    for line in (Path(__file__).parent.parent / "stdlib_modules.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
) | frozenset({"httpx"})

# Model attributes: runtime members of the model base class, and names its
# annotations use (a field named `str` would shadow the type `str` for the
# rest of the class body).
MODEL = frozenset(
    {"to_dict", "from_json", "extra", "is_partial", "accepted", "rejected"}
    | {"has_next_page", "get_next_page", "iter_pages"}  # a page extends its response model
    | {"str", "int", "float", "bool", "object", "list", "dict", "datetime", "date", "None"}
    | {"List", "Dict", "Optional", "Union", "Mapping", "Sequence", "Literal", "Any", "ClassVar", "TypedDict"}
)

# Method arguments: keyword arguments every generated method has, and names its body uses.
METHOD = (
    frozenset({"extra_headers", "timeout", "deadline", "max_response_bytes", "self", "build_path", "prepare"})
    | frozenset({"datetime", "decimal"})
    | MODEL
)

# Type names: what generated modules import (typing, the runtime).
TYPE = frozenset(
    {"Any", "ClassVar", "Decimal", "Dict", "List", "Literal", "Mapping", "Optional", "Sequence", "Tuple"}
    | {"TypedDict", "Union", "NOT_GIVEN", "NotGiven", "Headers", "Timeout", "Outcome", "RequestOptions"}
    | {"ResponseMap", "Each", "Numeric", "Object", "Prepared", "APIResponse", "SyncAPIResource"}
    | {"AsyncAPIResource", "SyncAPIClient", "AsyncAPIClient"}
)

# Attributes of the client and of resources, which a child resource or an operation must not shadow.
CLIENT = frozenset(
    {"with_options", "close", "api_key", "base_url", "timeout", "max_retries", "default_headers", "copy"}
    | {"deadline", "max_response_bytes"}
)

# Members of every resource besides its operations and children.
RESOURCE = frozenset({"with_raw_response"})

# Enum members: names the enum base class defines.
ENUM = frozenset({"MRO"})
