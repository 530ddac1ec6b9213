"""Where each Java class lives and what each thing is called: packages, classes, services,
methods, fields and enum constants, minted once per client from the model's wire names
(generator/java/names.py sums up the conventions)."""

from __future__ import annotations

from .. import naming, unions
from ..ir import (
    AliasDecl,
    ClientModel,
    Decl,
    EnumDecl,
    EnumMember,
    ListType,
    ModelDecl,
    Operation,
    Property,
    RefType,
    Resource,
    UnionDecl,
    Where,
)
from ..kinds import Location
from .members import (
    MEMBERS,
    RESOURCE_MEMBERS,
    JavaClass,
    JavaField,
    JavaOperation,
    JavaVariant,
    Warn,
    camel,
    closure,
    field_of,
    package_segment,
    pascal,
    response_decls,
    singular,
    unique,
)


class JavaPlacement:
    """Placement and names; `types.JavaTypes` spells types on top of it."""

    def __init__(self, model: ClientModel, base_package: str, warn: Warn | None = None) -> None:
        self.model = model
        self.base = base_package
        self.prefix = model.client_class
        self._warn: Warn = warn or (lambda file, pointer, message: None)
        self._classes: dict[str, JavaClass] = {}
        self._nested: dict[str, list[ModelDecl]] = {}  # params class qualified name -> nested models
        self._reached: list[Decl] = []
        self._services: dict[tuple[str, ...], JavaClass] = {}
        self._methods: dict[Operation, str] = {}
        self._stream_methods: dict[Operation, str] = {}
        self._constants: dict[EnumMember, str] = {}
        self._fields: dict[ModelDecl, list[JavaField]] = {}
        self._operations: dict[Operation, JavaOperation] = {}
        self._variants: dict[UnionDecl, list[JavaVariant]] = {}
        for resource in model.root.walk():
            self._name_methods(resource)
        for decl in model.decls:
            if isinstance(decl, EnumDecl):
                self._name_constants(decl)
        self._plan_classes()

    def _report(self, at: Where | None, message: str) -> None:
        place = at or Where(self.model.source_name, "")
        self._warn(place.file, place.pointer, message)

    def _name_methods(self, resource: Resource) -> None:
        """An operation's method: camelCase of its id, unique in its service and never a child's accessor."""
        places = {op.naming_key: Where(self.model.source_name, op.pointer) for op in resource.operations}
        proposed = [
            (op.naming_key, camel(op.operation_id, fallback="call", reserved=RESOURCE_MEMBERS))
            for op in resource.operations
        ]
        names = naming.dedupe_reported(
            proposed,
            lambda key, msg: self._report(places[key], msg),
            "operation",
            shown=lambda key: key.partition("\x00")[0],
        )

        def like_a_resource(key: str, name: str, new: str) -> None:
            message = f"operation {key.partition(chr(0))[0]!r} would be named {name!r} like a resource"
            self._report(places[key], message + f"; it is named {new!r}")

        children = {self.member(s) for s in resource.children}
        order = [op.naming_key for op in resource.operations]
        apart = naming.keep_apart(names, order, children, like_a_resource)
        for op in resource.operations:
            self._methods[op] = apart[op.naming_key]
        taken = set(apart.values()) | children
        for op in resource.operations:
            if op.streams_on_request:
                # The twin that streams: `createCompletionStreaming`, numbered if an operation has that name.
                name = unique(self._methods[op] + "Streaming", taken)
                if name != self._methods[op] + "Streaming":
                    message = f"the streaming method of {op.operation_id!r} would share a name; it is named {name!r}"
                    self._report(places[op.naming_key], message)
                self._stream_methods[op] = name

    def _name_constants(self, decl: EnumDecl) -> None:
        at = Where(decl.where.file, decl.where.pointer + "/enum")
        proposed = [(str(m.value), naming.enum_member(m.value)) for m in decl.members]
        names = naming.dedupe_reported(proposed, lambda _, msg: self._report(at, msg), "enum value")
        for member in decl.members:
            self._constants[member] = names[str(member.value)]

    def constant_of(self, member: EnumMember) -> str:
        """An enum member's constant: `EXERCISE`, `VALUE_2`."""
        return self._constants[member]

    def constant_for(self, decl_name: str, value: object) -> str:
        """The constant of the member of a declaration (by its IR name) whose value is `value`."""
        decl = next(d for d in self.model.decls if d.name == decl_name)
        assert isinstance(decl, EnumDecl)
        member = next(m for m in decl.members if m.value == value and type(m.value) is type(value))
        return self._constants[member]

    def package(self, *parts: str) -> str:
        return ".".join([self.base, *(p for p in parts if p)])

    def resource_prefix(self, resource: tuple[str, ...]) -> str:
        return pascal(singular(resource[-1])) if resource else ""

    def models_package(self, resource: tuple[str, ...]) -> str:
        return self.package("models", *(package_segment(s) for s in resource))

    def _plan_classes(self) -> None:
        """Decide each reached declaration's class and package (see the module docstring)."""
        first_use: dict[str, tuple[str, ...]] = {}
        returned_by: dict[str, list[Operation]] = {}
        for op in self.model.operations:
            for decl in closure(op.decls()):
                first_use.setdefault(decl.name, op.resource)
            for r in op.success_responses:
                c = r.type.canonical() if r.type else None
                if (
                    isinstance(c, RefType)
                    and isinstance(c.decl, ModelDecl)
                    and op not in returned_by.get(c.decl.name, [])
                ):
                    returned_by.setdefault(c.decl.name, []).append(op)
        nested = self._nestable()
        taken: dict[str, set[str]] = {}
        reserved_names = self._reserved_class_names()
        for decl in self.model.decls:
            if decl.name not in first_use or isinstance(decl, AliasDecl):
                continue
            if isinstance(decl, UnionDecl) and not unions.typed(decl):
                continue  # a union with a free-form variant is any JSON
            self._reached.append(decl)
            package = self.models_package(first_use[decl.name])
            if decl.name in nested:
                op, prop = nested[decl.name]
                params = self.params_class(op)
                inside = taken.setdefault(params.qualified, {params.name})
                name = self._class_name(decl, pascal(singular(prop.wire_name), fallback="Item"), inside)
                self._classes[decl.name] = JavaClass(name, params.package, params.name)
                self._nested.setdefault(params.qualified, []).append(decl)  # type: ignore[arg-type]
                continue
            ops = returned_by.get(decl.name, [])
            name = self.operation_class(ops[0], "Response") if len(ops) == 1 else pascal(decl.name)
            # The client and service classes are imported beside the models (tests, examples, services).
            names = taken.setdefault(package, set(reserved_names))
            self._classes[decl.name] = JavaClass(self._class_name(decl, name, names), package)

    def _class_name(self, decl: Decl, proposed: str, taken: set[str]) -> str:
        """`proposed`, numbered where another class of the same scope has it, with a warning (rule 5)."""
        name = unique(proposed, taken)
        if name != proposed:
            self._report(decl.where, f"class {proposed!r} would be named like another; it is named {name!r}")
        return name

    def _reserved_class_names(self) -> set[str]:
        clients = {f"{self.prefix}{c}" for c in ("Client", "ClientAsync", "OkHttpClient", "OkHttpClientAsync")}
        services = {self.service(r).name for r in self.resources()}
        pages = {self.operation_class(op, "Page") for op in self.model.operations if op.pagination is not None}
        return clients | services | {name + "Async" for name in services | pages} | pages

    def _nestable(self) -> dict[str, tuple[Operation, Property]]:
        """Request-only models used by exactly one body field of one operation, and nothing else."""
        uses: dict[str, list[tuple[Operation, Property]]] = {}
        response_side = {d.name for op in self.model.operations for d in closure(response_decls(op))}
        reached = closure([d for op in self.model.operations for d in op.decls()])
        referenced = {r.name for d in reached for r in d.refs()}
        for op in self.model.operations:
            for prop in op.body.fields or [] if op.body else []:
                t = prop.type.canonical()
                t = t.item.canonical() if isinstance(t, ListType) else t
                if isinstance(t, RefType) and isinstance(t.decl, ModelDecl):
                    uses.setdefault(t.decl.name, []).append((op, prop))
        return {
            name: found[0]
            for name, found in uses.items()
            if len(found) == 1 and name not in response_side and name not in referenced
        }

    @property
    def decls(self) -> list[Decl]:
        """The top-level declarations that get a class file."""
        return [d for d in self._reached if self._classes[d.name].outer is None]

    def nested_in(self, params: JavaClass) -> list[ModelDecl]:
        return self._nested.get(params.qualified, [])

    def cls(self, decl: Decl) -> JavaClass:
        return self._classes[decl.name]

    def operation_class(self, op: Operation, suffix: str) -> str:
        return self.resource_prefix(op.resource) + pascal(self._methods[op], fallback="Call") + suffix

    def params_class(self, op: Operation) -> JavaClass:
        return JavaClass(self.operation_class(op, "Params"), self.models_package(op.resource))

    def fields(self, decl: ModelDecl) -> list[JavaField]:
        if decl not in self._fields:
            self._fields[decl] = self._named([field_of(p, Location.BODY) for p in decl.properties])
        return self._fields[decl]

    def _named(
        self, fields: list[JavaField], reserved: frozenset[str] = frozenset(), what: str = "property"
    ) -> list[JavaField]:
        """Give each field its camelCase name, numbered `_2` on a collision (rule 5); a body passed
        whole is `body`, which `reserved` then holds."""
        taken = MEMBERS | reserved
        named = [f for f in fields if f.location is not Location.WHOLE_BODY]
        places = {f"{f.wire}\x00{f.location}": f.where for f in named}
        proposed = [(f"{f.wire}\x00{f.location}", camel(f.wire, fallback="field", reserved=taken)) for f in named]
        names = naming.dedupe_reported(
            proposed,
            lambda key, msg: self._report(places[key], msg),
            what,
            shown=lambda key: key.replace("\x00", " in ") if what == "argument" else key.split("\x00", 1)[0],
        )
        for f in fields:
            f.name = names[f"{f.wire}\x00{f.location}"] if f.location is not Location.WHOLE_BODY else "body"
        return fields

    def service(self, resource: Resource) -> JavaClass:
        """`<Resource>Service`, the last path segment in the singular; where two resources of one
        package would share a name, the later (by path) keeps its plural, else is numbered."""
        if not self._services:
            taken: dict[str, set[str]] = {}
            for r in self.resources():
                package = self.package("services", "blocking", *(package_segment(s) for s in r.path[:-1]))
                names = taken.setdefault(package, set())
                name = pascal(singular(r.path[-1])) + "Service"
                if name in names:
                    name = pascal(r.path[-1]) + "Service"
                self._services[r.path] = JavaClass(unique(name, names), package)
        return self._services[resource.path]

    def async_service(self, resource: Resource) -> JavaClass:
        blocking = self.service(resource)
        package = self.package("services", "async", *(package_segment(s) for s in resource.path[:-1]))
        return JavaClass(blocking.name + "Async", package)

    def member(self, segment: str) -> str:
        """A resource's accessor on its parent: `v1()`, `positions()`."""
        return camel(segment, reserved=RESOURCE_MEMBERS)

    def resources(self) -> list[Resource]:
        return self.model.root.walk()[1:]

    def ref_name(self, decl: Decl) -> str:
        """How code names a declaration's class: `Outer.Name` for a nested one."""
        return self._classes[decl.name].referenced

    def class_named(self, decl_name: str) -> str | None:
        """The Java class of a declaration, by its IR name (test plans name types so)."""
        c = self._classes.get(decl_name)
        return c.referenced if c is not None else None

    def class_import(self, decl_name: str, package: str) -> str | None:
        """What a file of `package` imports to name a declaration's class (None: nothing)."""
        c = self._classes.get(decl_name)
        return c.importable if c is not None and c.package != package else None

    def property_name(self, owner: str, wire: str) -> str:
        """The accessor of a model's property, by the model's IR name and the wire name."""
        decl = next(d for d in self._reached if d.name == owner)
        assert isinstance(decl, ModelDecl)
        return next(f.name for f in self.fields(decl) if f.wire == wire)
