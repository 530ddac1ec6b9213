"""The Java naming service: every Java spelling the Java templates are given.

It reads the same intermediate model as the Python one and decides, once,
what the Java client calls each thing and where it lives, following the
conventions of Stainless-generated Java SDKs (openai-java, anthropic-sdk-java):

- the base package is `com.<package>.api` (config `java_package` overrides);
- a model lives in `models.<resource path>` of the first operation that
  reaches it (`models` when none does); the declarations no operation
  reaches, and aliases (spelled as what they name), get no class;
- an operation's parameters are one immutable `<Resource><Method>Params`
  class with a builder; a request-only model that only one body field of
  one operation uses is nested in it, named after the field in the singular
  (`instructions` -> `Params.Instruction`, with `addInstruction(...)`);
- a model that only one operation returns is named `<Resource><Method>Response`;
- `<Resource>` is the resource's last path segment in the singular
  (`positions` -> `Position`), and services are `<Resource>Service`;
- members are camelCase and enum constants UPPER_CASE by naming rule 1-3
  (generator/naming.py), minted here from the wire names and operation ids;
  Java keywords and names the generated classes define get a trailing `_`
  (rule 4), and collisions in one class are numbered `_2` (rule 5) with a
  located `name-collision` warning.
"""

from __future__ import annotations

from .. import naming
from ..ir import ClientModel, Operation, Resource, SpecText, UnionDecl, model_of
from ..testplan import Step
from .examples import JavaExamples
from .maven import MAVEN, MavenBuild
from .members import JavaCall, JavaClass, JavaField, JavaOperation, Warn, camel, package_segment
from .paging import JavaPaging, paging_of

__all__ = ["JavaClass", "JavaField", "JavaNames", "JavaOperation", "Warn", "package_segment"]


class JavaNames(JavaExamples):
    """Java names and spellings for one client model; templates call it as `j`.

    Built in layers, one job each: `placement.JavaPlacement` (packages, classes
    and member names), `types.JavaTypes` (type spelling and decoders),
    `examples.JavaExamples` (example values), and here what the README and
    tests call things.
    """

    def __init__(self, model: ClientModel, base_package: str, warn: Warn | None = None) -> None:
        super().__init__(model, base_package, warn)
        self._pagings: dict[Operation, JavaPaging | None] = {}

    @property
    def group_id(self) -> str:
        """The Maven group: the base package without its last segment (`com.clear_street`)."""
        return self.base.rsplit(".", 1)[0] if "." in self.base else self.base

    @property
    def maven(self) -> MavenBuild:
        """The pom's pinned dependencies and plugins (java/maven.py)."""
        return MAVEN

    @property
    def upload_fields(self) -> list[tuple[JavaOperation, JavaField]]:
        """(operation, field) of each file a request uploads (an `UploadFile` field), in spec order."""
        return [
            (jop, f)
            for jop in (self.operation(op) for op in self.model.operations)
            for f in jop.fields
            if self.is_upload(f.type)
        ]

    @property
    def example_operation(self) -> Operation | None:
        return self.model.example_operation

    def paging(self, jop: JavaOperation) -> JavaPaging | None:
        """How a list operation pages in Java (java/paging.py); None when it returns its plain result."""
        if jop.op not in self._pagings:
            self._pagings[jop.op] = paging_of(self, jop)
        return self._pagings[jop.op]

    @property
    def example_union(self) -> UnionDecl | None:
        """The union class the README's visitor example reads: the first with a discriminator, else the first
        with a model variant, else the first."""
        found = [d for d in self.decls if isinstance(d, UnionDecl)]
        tagged = [d for d in found if d.discriminator is not None]
        models = [d for d in found if any(model_of(v) is not None for v in d.variants)]
        return next(iter(tagged + models + found), None)

    def union_imports(self, decl: UnionDecl) -> list[str]:
        """What code that names a union and its variants' classes imports."""
        return sorted({self.cls(decl).importable, *self.imports("", list(decl.variants))})

    def test_method(self, name: str) -> str:
        return camel(name)

    def step_member(self, step: Step) -> str:
        """The member a test-plan step reads: a property's accessor, or a batch helper."""
        if step.owner:
            return self.property_name(step.owner, step.wire)
        return {"is_partial": "isPartial"}.get(step.name, camel(step.name))

    def resource_path(self, resource: Resource) -> str:
        return "client." + ".".join(f"{self.member(s)}()" for s in resource.path)

    def call_path(self, jop: JavaOperation, call: JavaCall | None = None) -> str:
        """`client.files().downloadFile(params)`: the operation's method, or `call`'s (a streaming twin)."""
        method = call.method if call is not None else jop.method
        return ".".join(["client", *(f"{self.member(s)}()" for s in jop.op.resource), method]) + "(params)"

    def constant(self, jop: JavaOperation, what: str) -> str:
        """A static table of an operation: `SUBMIT_POSITION_INSTRUCTIONS_OUTCOMES`."""
        return f"{'_'.join(naming.words(jop.method)).upper()}_{what}"

    def doc(self, op: Operation) -> SpecText | None:
        parts = [t for t in (op.summary, op.description) if t]
        return SpecText("\n\n".join(parts)) if parts else None

    def call_doc(self, jop: JavaOperation, call: JavaCall, *, none: bool = False, options: bool = False) -> SpecText:
        """A method's doc: the operation's (or its HTTP method and path), for a streaming twin what it
        sets, and for an overload what it leaves out or adds."""
        op = jop.op
        parts = [str(self.doc(op) or f"Calls `{op.method.upper()} {op.path}`.")]
        if call.switch is not None:
            parts.append(
                f"The answer as events, as they come: sends `{call.switch}: true` and returns the open stream."
            )
        if none:
            parts.append("Sends no parameters.")
        if options:
            parts.append("The request options override the client's for this call.")
        return SpecText("\n\n".join(parts))

    def error_class(self, name: str) -> str:
        """The status table's class names, Java-style: `ConflictError` -> `ConflictException`."""
        if name == "APIStatusError":
            return f"{self.prefix}ServiceException"
        return (name[: -len("Error")] if name.endswith("Error") else name) + "Exception"
