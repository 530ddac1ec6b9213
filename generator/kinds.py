"""The closed sets of values the intermediate model uses, as enums.

Each is a `Kind`: a `StrEnum` whose members also answer `is_<name>`
(`param.location.is_query`, `decl.kind.is_model`), so templates test a kind
through the model and never compare it with a string literal. A typo there
fails the render (`is_qurey` is no attribute); in Python code, comparing
members (`location is Location.QUERY`) lets `mypy --strict` catch it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Literal

# The JSON types of a primitive value.
JsonType = Literal["string", "integer", "number", "boolean", "null"]
# OpenAPI's serialization styles of a parameter (`style`) that the generated clients send.
ParameterStyle = Literal["form", "simple", "label", "matrix", "spaceDelimited", "pipeDelimited", "deepObject"]
# The strings a request plan canonicalizes as numbers.
NumberKind = Literal["positive-integer"]


class Kind(StrEnum):
    """A closed set of values; `x.is_<member name in lower case>` says whether `x` is that member.

    Only templates read `is_<name>`: type checkers do not see it, so Python code compares members.
    """

    if not TYPE_CHECKING:

        def __getattr__(self, name: str) -> bool:
            if name.startswith("is_") and name[3:].upper() in type(self).__members__:
                return self is type(self)[name[3:].upper()]
            raise AttributeError(name)


class Location(Kind):
    """Where an argument of an operation goes: a parameter's `in`, the body's fields, or the body whole."""

    PATH = "path"
    QUERY = "query"
    HEADER = "header"
    COOKIE = "cookie"
    BODY = "body"
    WHOLE_BODY = "whole-body"

    @property
    def is_secret(self) -> bool:
        """Headers and cookies may carry credentials: printed values are redacted."""
        return self in (Location.HEADER, Location.COOKIE)


PARAMETER_LOCATIONS = (Location.PATH, Location.QUERY, Location.HEADER, Location.COOKIE)


class Encoding(Kind):
    """How a request body is written."""

    JSON = "json"
    FORM = "form"
    MULTIPART = "multipart"
    TEXT = "text"
    BINARY = "binary"

    @property
    def is_raw(self) -> bool:
        """Sent as it is (octet-stream, text), not as JSON or form fields."""
        return self in (Encoding.BINARY, Encoding.TEXT)


class Content(Kind):
    """How a response body is read."""

    JSON = "json"
    TEXT = "text"
    BYTES = "bytes"


class PagingStyle(Kind):
    """How an operation's pages follow each other (ir.Pagination says what each means)."""

    CURSOR = "cursor"
    CURSOR_FROM_ITEM = "cursor_from_item"
    OFFSET = "offset"
    PAGE = "page"
    LINK = "link"


class ValueType(Kind):
    """The type of an enum's values."""

    STR = "str"
    INT = "int"


class DeclKind(Kind):
    """The kinds of named declaration; each names the template macro that renders it."""

    MODEL = "model"
    ENUM = "enum"
    UNION = "union"
    ALIAS = "alias"


class TypeKind(Kind):
    """The kinds of type; each names the template macro that renders it."""

    PRIMITIVE = "primitive"
    DATETIME = "datetime"
    NUMERIC_STRING = "numeric_string"
    FILE = "file"
    BYTES = "bytes"
    ANY = "any"
    LIST = "list"
    MAP = "map"
    NULLABLE = "nullable"
    REF = "ref"


class PlanKind(Kind):
    """The kinds of request-preparation plan."""

    NUMERIC = "numeric"
    EACH = "each"
    OBJECT = "object"


class StepKind(Kind):
    """A step of a generated test's path into a result: a member, a list index or a map key."""

    ATTR = "attr"
    INDEX = "index"
    KEY = "key"


class CheckKind(Kind):
    """What a generated test's check asserts (testplan.Check)."""

    IS_NONE = "is_none"
    NOT_NONE = "not_none"
    EQUALS = "equals"
    LENGTH = "length"
    INSTANCE = "instance"
    MEMBER = "member"
    FLAG = "flag"
    ROWS = "rows"
    NONEMPTY_TEXT = "nonempty_text"
    NONEMPTY_BYTES = "nonempty_bytes"
