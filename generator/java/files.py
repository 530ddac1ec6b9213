"""Java's file plan: which files a Java client has, and what each template is given.

The layout follows Stainless-generated Java SDKs: `client/` (the client, its
async twin, and `okhttp/` to build one), `core/` and `errors/` (the runtime
core, written once in `templates/java/runtime/`), `models/<resource>/` and
`services/{blocking,async}/<resource>/`. Generated JUnit tests, one per
documented response, sit under `src/test/java/`. Unused imports are listed
freely: the formatting stage (google-java-format) removes them.
"""

from __future__ import annotations

from collections.abc import Callable

import jinja2

from ..ir import STATUS_ERRORS, ClientModel, ModelDecl, Operation, Resource, TypeInfo, UnionDecl
from ..kinds import CheckKind
from ..testplan import plan
from .names import JavaClass, JavaNames, JavaOperation, Warn, package_segment

Header = Callable[[ClientModel, str], str]

RUNTIME = (
    *("ApiRequest", "ClientContext", "ClientOptions", "HttpResponseFor", "Json"),
    *(
        "Bodies",
        "JsonWritable",
        "Logs",
        "Outcomes",
        "Prepare",
        "RequestOptions",
        "JsonValue",
        "JsonField",
        "Validatable",
        "UploadFile",
    ),
    *("Page", "PageAsync", "AutoPager", "AutoPagerAsync", "PageLinks"),
)
HTTP = (
    "HttpClient",
    "HttpRequest",
    "HttpRequestBody",
    "HttpResponse",
    "RawResponse",
    "ServerSentEvents",
    "StreamResponse",
)
ERRORS = (
    *("Exception", "ServiceException", "IoException", "InvalidDataException", "ResponseTooLargeException"),
    "StreamException",
)


def base_package(model: ClientModel, configured: str | None) -> str:
    """`com.<package>.api`, unless the config names one (`java_package`)."""
    return configured or f"com.{package_segment(model.package)}.api"


def render_files(
    model: ClientModel,
    env: jinja2.Environment,
    header: Header,
    root: str,
    java_package: str | None = None,
    warn: Warn | None = None,
) -> dict[str, str]:
    """Relative path -> file text, for every file of the Java client project.

    `warn(file, pointer, message)` hears of each Java name that had to be numbered."""
    j = JavaNames(model, base_package(model, java_package), warn)
    prefix = model.client_class
    files: dict[str, str] = {}
    env.globals.update(j=j, pkg=j.base, prefix=prefix)  # macros see globals, not the caller's context
    ctx = {
        "model": model,
        "pkg": j.base,
        "prefix": prefix,
        "j": j,
        "j_error": j.error_class,
        "header": header(model, "//"),
        "status_errors": STATUS_ERRORS,
        "root": root,
    }

    def source(package: str, name: str, test: bool = False) -> str:
        return "/".join(["src", "test" if test else "main", "java", *package.split("."), name + ".java"])

    def emit(template: str, out: str, **extra: object) -> None:
        files[out] = env.get_template(template).render({**ctx, **extra})

    emit("package/pom.xml.jinja", "pom.xml", xml_header=header(model, "xml"))
    emit("package/README.md.jinja", "README.md", header=header(model, "md"))
    for name in RUNTIME:
        emit(f"runtime/{name}.java.jinja", source(j.package("core"), name))
    for name in HTTP:
        emit(f"runtime/http/{name}.java.jinja", source(j.package("core", "http"), name))
    for name in ERRORS:
        emit(f"runtime/errors/{name}.java.jinja", source(j.package("errors"), prefix + name))
    emit("runtime/errors/ErrorDetail.java.jinja", source(j.package("errors"), "ErrorDetail"))
    for error in STATUS_ERRORS:
        name, parent = j.error_class(error.name), j.error_class(error.parent)
        emit(
            "runtime/errors/StatusException.java.jinja",
            source(j.package("errors"), name),
            name=name,
            parent=parent,
            error=error,
        )
    for decl in j.decls:
        cls = j.cls(decl)
        types = [p.type for p in decl.properties] if isinstance(decl, ModelDecl) else []
        types += decl.variants if isinstance(decl, UnionDecl) else []
        emit(
            "package/Model.java.jinja",
            source(cls.package, cls.name),
            decl=decl,
            cls=cls,
            imports=j.imports(cls.package, types),
        )
    for op in model.operations:
        jop = j.operation(op)
        nested = j.nested_in(jop.params)
        types = [f.type for f in jop.fields] + [p.type for d in nested for p in d.properties]
        imports = j.imports(jop.params.package, types)
        emit(
            "package/Params.java.jinja",
            source(jop.params.package, jop.params.name),
            jop=jop,
            nested=nested,
            imports=imports,
        )
        paging = j.paging(jop)
        if paging is not None:
            page = paging.page
            owner = next(r for r in model.root.walk() if r.path == op.resource)
            service = j.service(owner) if op.resource else JavaClass(prefix + "Client", j.package("client"))
            async_service = (
                j.async_service(owner) if op.resource else JavaClass(prefix + "ClientAsync", j.package("client"))
            )
            page_imports = j.imports(page.package, paging.types)
            emit(
                "package/Page.java.jinja",
                source(page.package, page.name),
                jop=jop,
                pg=paging,
                service=service,
                imports=page_imports,
            )
            emit(
                "package/PageAsync.java.jinja",
                source(page.package, paging.page_async.name),
                jop=jop,
                pg=paging,
                service=async_service,
                imports=page_imports,
            )
    client_imports = _service_imports(j, model.root, j.package("client"), async_=False)
    emit("package/Client.java.jinja", source(j.package("client"), prefix + "Client"), imports=client_imports)
    async_imports = _service_imports(j, model.root, j.package("client"), async_=True)
    emit("package/ClientAsync.java.jinja", source(j.package("client"), prefix + "ClientAsync"), imports=async_imports)
    okhttp = j.package("client", "okhttp")
    for suffix in ("", "Async"):
        client_class, builder_class = f"{prefix}Client{suffix}", f"{prefix}OkHttpClient{suffix}"
        emit(
            "package/OkHttpClient.java.jinja",
            source(okhttp, builder_class),
            client_class=client_class,
            builder_class=builder_class,
        )
    emit("package/OkHttpTransport.java.jinja", source(okhttp, "OkHttpClient"))
    emit("package/ClientBuilder.java.jinja", source(okhttp, "ClientBuilder"))
    for resource in j.resources():
        cls, acls = j.service(resource), j.async_service(resource)
        imports = _service_imports(j, resource, cls.package, async_=False)
        emit(
            "package/Service.java.jinja",
            source(cls.package, cls.name),
            resource=resource,
            cls=cls,
            imports=imports,
            async_=False,
        )
        imports = _service_imports(j, resource, acls.package, async_=True) + [f"{cls.package}.{cls.name}"]
        emit(
            "package/Service.java.jinja",
            source(acls.package, acls.name),
            resource=resource,
            cls=acls,
            imports=sorted(set(imports)),
            async_=True,
        )
    for tests in plan(model):
        jop = j.operation(tests.operation)
        test_class = jop.params.name.removesuffix("Params") + "Test"
        imports = j.example_imports(jop) + _operation_imports(j, [tests.operation], jop.params.package)
        imports += [f"{j.package('errors')}.{j.error_class(t.exception)}" for t in tests.responses if t.exception]
        # The classes the checks name (`assertInstanceOf(User.class, ...)`), wherever the model nests them.
        checked = {
            c.type_name for t in tests.responses for c in t.checks if c.kind in (CheckKind.INSTANCE, CheckKind.MEMBER)
        }
        imports += [i for name in sorted(checked) if (i := j.class_import(name, jop.params.package)) is not None]
        emit(
            "package/OperationTest.java.jinja",
            source(jop.params.package, test_class, test=True),
            tests=tests,
            jop=jop,
            test_class=test_class,
            imports=sorted(set(imports)),
        )
    return files


def _operation_imports(j: JavaNames, operations: list[Operation], package: str) -> list[str]:
    out: list[str] = []
    for op in operations:
        jop: JavaOperation = j.operation(op)
        if jop.params.package != package:
            out.append(jop.params.qualified)
        paging = j.paging(jop)
        if paging is not None and paging.page.package != package:
            out += [paging.page.qualified, paging.page_async.qualified]
        types: list[TypeInfo] = [op.return_type] if op.return_type is not None else []
        types += [o.type for o in op.outcomes if o.type is not None]  # each status's decoder
        if op.streaming is not None:
            types.append(op.streaming.event)
        out += j.imports(package, types + [f.type for f in jop.fields])
    return out


def _service_imports(j: JavaNames, resource: Resource, package: str, async_: bool) -> list[str]:
    """What a service (or the client) names from other packages: its children, params and responses."""
    out = _operation_imports(j, resource.operations, package)
    for child in resource.children.values():
        cls: JavaClass = j.async_service(child) if async_ else j.service(child)
        if cls.package != package:
            out.append(f"{cls.package}.{cls.name}")
    return sorted(set(out))
