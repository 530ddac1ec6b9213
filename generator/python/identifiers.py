"""Python's identifiers: the name the Python client gives each thing of the model.

The model (generator/ir.py) holds wire names and neutral names; this module
mints the Python identifiers from them once per client, by the naming rule
(generator/naming.py) with Python's reserved words (reserved.py), in one
namespace per scope:

- the package, kept off the standard library's module names;
- classes: each declaration's, kept off the names generated modules import
  (`reserved.TYPE`), its module under `types/`, and its request-side type
  `<Class>Param`, numbered where another class already has that name;
- a model's attributes (`reserved.MODEL`) and an enum's members
  (`reserved.ENUM`);
- a method's arguments: parameters and flattened body fields share one
  namespace (`reserved.METHOD`);
- a resource's members: its children (`reserved.CLIENT`), then its
  operations (`reserved.CLIENT` and `reserved.RESOURCE`), never named like a child.

Every collision is numbered (rule 5) and reported through `warn` as a
located `name-collision` warning, once, when the names are minted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .. import naming
from ..ir import (
    WHOLE_BODY,
    ArgumentKey,
    ClientModel,
    Decl,
    EnumDecl,
    EnumMember,
    ModelDecl,
    Operation,
    Property,
    Resource,
    Where,
)
from ..kinds import Location
from . import reserved

# (file, pointer, message): where a renamed source sits, and what happened to its name.
Warn = Callable[[str, str, str], None]


def snake(text: str, fallback: str = "value", also: Iterable[str] = ()) -> str:
    """snake_case by the naming rule, off Python's keywords and `also`."""
    return naming.snake(text, fallback=fallback, reserved=reserved.KEYWORDS | frozenset(also))


def pascal(text: str, fallback: str = "Model", also: Iterable[str] = ()) -> str:
    return naming.pascal(text, fallback=fallback, reserved=reserved.KEYWORDS | frozenset(also))


def _operation_id(naming_key: str) -> str:
    """The operation id of an `Operation.naming_key`, as a warning shows it."""
    return naming_key.partition("\x00")[0]


class PythonNames:
    """Every Python identifier of one client; built once, before rendering."""

    def __init__(self, model: ClientModel, warn: Warn | None = None) -> None:
        self.model = model
        self._warn: Warn = warn or (lambda file, pointer, message: None)
        # A package the config names is the user's choice, kept as given; one made from the title is kept
        # off the standard library's module names, which it would shadow.
        self.package = (
            model.package
            if model.package_configured
            else naming.escape(model.package, reserved.KEYWORDS | reserved.PACKAGE)
        )
        self.client_class = naming.escape(model.client_class, reserved.KEYWORDS)
        self._classes = {decl: naming.escape(decl.name, reserved.KEYWORDS | reserved.TYPE) for decl in model.decls}
        self._attributes: dict[Property, str] = {}
        self._members: dict[EnumMember, str] = {}
        self._arguments: dict[Operation, dict[ArgumentKey, str]] = {}
        self._methods: dict[Operation, str] = {}
        self._params: dict[Decl, str] = {}
        for decl in model.decls:
            if isinstance(decl, ModelDecl):
                self._name_attributes(decl)
            elif isinstance(decl, EnumDecl):
                self._name_members(decl)
        self._name_params()
        for op in model.operations:
            self._name_arguments(op)
        for resource in model.root.walk():
            self._name_methods(resource)

    def _report(self, at: Where | None, message: str) -> None:
        place = at or Where(self.model.source_name, "")
        self._warn(place.file, place.pointer, message)

    # ------------------------------------------------------------ minting

    def _name_attributes(self, decl: ModelDecl) -> None:
        by_wire = {p.wire_name: p for p in decl.properties}
        proposed = [(wire, snake(wire, "field", reserved.MODEL)) for wire in by_wire]
        names = naming.dedupe_reported(proposed, lambda wire, msg: self._report(by_wire[wire].where, msg), "property")
        for wire, prop in by_wire.items():
            self._attributes[prop] = names[wire]

    def _name_members(self, decl: EnumDecl) -> None:
        at = decl.where
        enum = Where(at.file, at.pointer + "/enum")
        proposed = [(str(m.value), naming.enum_member(m.value, reserved.ENUM)) for m in decl.members]
        names = naming.dedupe_reported(proposed, lambda _, msg: self._report(enum, msg), "enum value")
        for member in decl.members:
            self._members[member] = names[str(member.value)]

    def _name_params(self) -> None:
        """Request-side types share the package's namespace of classes with every declaration and page."""

        def renamed(proposed: str, given: str) -> None:
            message = f"the request type of {owner!r} would be named {proposed!r} like another type"
            self._report(claiming, message + f"; it is named {given!r}")

        claiming: Where | None = None
        owner = ""
        classes = naming.Namespace(on_rename=renamed)
        for name in self._classes.values():
            classes.reserve(name)
        for op in self.model.operations:
            if op.pagination is not None:
                classes.reserve(op.pagination.page_name)
                classes.reserve("Async" + op.pagination.page_name)
        for decl in self.model.decls:
            if decl.used_in_request:
                claiming, owner = decl.where, decl.name
                self._params[decl] = classes.claim(self._classes[decl] + "Param")

    def _name_arguments(self, op: Operation) -> None:
        places: dict[str, Where | None] = {}
        proposed: list[tuple[str, str]] = []
        args: list[tuple[ArgumentKey, Where | None]] = [((p.location, p.wire_name), p.where) for p in op.parameters]
        whole = op.body is not None and op.body.whole is not None
        taken = reserved.METHOD | ({"body"} if whole else set())  # a body passed whole is the argument `body`
        if op.body is not None:
            args += [((Location.BODY, f.wire_name), f.where) for f in op.body.fields or []]
        for (location, wire), where in args:
            key = f"{wire}\x00{location}"
            places[key] = where
            proposed.append((key, snake(wire, "field" if location is Location.BODY else "param", taken)))
        names = naming.dedupe_reported(
            proposed,
            lambda key, msg: self._report(places[key], msg),
            "argument",
            shown=lambda key: key.replace("\x00", " in "),
        )
        self._arguments[op] = {(location, wire): names[f"{wire}\x00{location}"] for (location, wire), _ in args}
        if whole:
            self._arguments[op][WHOLE_BODY] = "body"

    def _name_methods(self, resource: Resource) -> None:
        """Operations are named uniquely within their resource, and never like one of its children."""
        places = {op.naming_key: Where(self.model.source_name, op.pointer) for op in resource.operations}
        proposed = [
            (op.naming_key, snake(op.operation_id, "call", reserved.CLIENT | reserved.RESOURCE))
            for op in resource.operations
        ]
        names = naming.dedupe_reported(
            proposed, lambda key, msg: self._report(places[key], msg), "operation", shown=_operation_id
        )

        def like_a_resource(key: str, name: str, new: str) -> None:
            message = f"operation {_operation_id(key)!r} would be named {name!r} like a resource"
            self._report(places[key], message + f"; it is named {new!r}")

        children = {self.segment(s) for s in resource.children} | reserved.RESOURCE
        order = [op.naming_key for op in resource.operations]
        apart = naming.keep_apart(names, order, children, like_a_resource)
        for op in resource.operations:
            self._methods[op] = apart[op.naming_key]

    # ------------------------------------------------------------ reading

    def cls(self, decl: Decl) -> str:
        """A declaration's class (or type alias) name."""
        return self._classes.get(decl) or naming.escape(decl.name, reserved.KEYWORDS | reserved.TYPE)

    def module(self, decl: Decl) -> str:
        """The module under `<package>/types/` that holds a declaration."""
        return snake(decl.name)

    def param_type(self, decl: Decl) -> str:
        """The request-side type of a declaration: `<Class>Param` (a TypedDict, or a union that also takes literals)."""
        return self._params.get(decl) or self.cls(decl) + "Param"

    def attribute(self, prop: Property) -> str:
        """A model property's attribute."""
        return self._attributes[prop]

    def member(self, member: EnumMember) -> str:
        return self._members[member]

    def argument(self, op: Operation, key: ArgumentKey) -> str:
        """A keyword argument of an operation's method, by (location, wire name)."""
        return self._arguments[op][key]

    def method(self, op: Operation) -> str:
        return self._methods[op]

    def segment(self, segment: str) -> str:
        """A resource path segment as the attribute (and module) that holds the resource."""
        return naming.escape(segment, reserved.KEYWORDS | reserved.CLIENT)

    def path(self, resource: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(self.segment(s) for s in resource)

    def resource_class(self, resource: Resource) -> str:
        """`PositionsResource`; the client's own class for the root."""
        if not resource.path:
            return self.client_class
        return pascal(self.segment(resource.path[-1]), "Default") + "Resource"

    def children(self, resource: Resource) -> list[tuple[str, Resource]]:
        """A resource's children by attribute name, in the order the attributes sort."""
        return sorted(((self.segment(s), child) for s, child in resource.children.items()), key=lambda found: found[0])
