"""Stage 2: check that the document is an OpenAPI 3.0/3.1 description.

The heavy lifting is openapi-spec-validator's. What this module adds is
*where*: the validator's keyword checks report paths relative to the schema
they were checking, so each keyword validator is wrapped to stamp the absolute
location of the node it was given onto the errors it yields. Every error then
becomes a located diagnostic instead of an exception.
"""

from __future__ import annotations

import ast
import json
import os
import re
import select
import signal
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from typing import Any

from .cache import fingerprint, key_of, read_entry, write_entry
from .errors import Diagnostics, join_pointer, split_pointer
from .load import SourceDocument
from .manifest import sha256
from .resolve import Resolver

_LOCATED = "_sdkgen_parts"
_OUT_OF_TIME = "validation did not finish within"
VALIDATION_CACHE = "validation"


class _SeenIds(list[int]):
    """A list of ids whose `in` is a set lookup.

    openapi-spec-validator 0.9.0's schema keyword records the schemas it has checked in two lists
    and asks `id in list` before each one: quadratic, 7 of its 15 s on GitHub's spec. It only
    appends and asks `in`, so the answers, and the errors, are the same
    (tests/e2e/test_broken_specs.py holds the two to the same errors).
    """

    def __init__(self) -> None:
        super().__init__()
        self._set: set[int] = set()

    def append(self, value: int) -> None:
        super().append(value)
        self._set.add(value)

    def __contains__(self, value: object) -> bool:
        return value in self._set


class _Stopped(Exception):
    """The validator failed, or ran out of time, while checking the node at `parts`.

    Raised by the innermost keyword validator that saw the failure; the ones around it let it
    pass, so it keeps the deepest place.
    """

    def __init__(self, parts: tuple[Any, ...], cause: BaseException) -> None:
        super().__init__(parts, cause)
        self.parts = parts
        self.cause = cause


class _OutOfTime(BaseException):
    """Raised by the validation's alarm; a BaseException so no `except Exception` inside swallows it."""


def _locating(cls: type) -> type:
    """A subclass of keyword validator `cls` that records where each error arose."""

    def __call__(self: Any, node: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
        # The node checked: the first argument that knows its place (the operation validator's
        # first is the path's URL, its third the operation).
        located = next((a for a in (node, *args, *kwargs.values()) if hasattr(a, "parts")), None)
        parts = tuple(getattr(located, "parts", ()) or ())
        try:
            for err in cls.__call__(self, node, *args, **kwargs):
                if not isinstance(err, OpenAPIValidationError):
                    # The spec validator would wrap it in a new object on the way out (its
                    # `wraps_errors`), dropping the place stamped here: wrap it first.
                    err = OpenAPIValidationError.create_from(err)
                if not hasattr(err, _LOCATED):
                    setattr(err, _LOCATED, parts + tuple(getattr(err, "path", ()) or ()))
                yield err
        except (_Stopped, GeneratorExit):
            raise
        except (Exception, RecursionError, _OutOfTime) as exc:
            raise _Stopped(parts, exc) from None

    members: dict[str, Any] = {"__call__": __call__}
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError
    from openapi_spec_validator.validation.keywords import SchemaValidator

    if issubclass(cls, SchemaValidator):

        def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
            cls.__init__(self, *args, **kwargs)
            if isinstance(self.visited_schema_ids, list):
                self.visited_schema_ids = _SeenIds()
            if isinstance(self.meta_checked_schema_ids, list):
                self.meta_checked_schema_ids = _SeenIds()

        def _collect_properties(self: Any, schema: Any, _seen: set[int] | None = None) -> set[str]:
            """The validator's own, minus its endless recursion on a schema that contains itself
            through `allOf`/`oneOf`/`items` (`Expr: {oneOf: [string, {items: Expr}]}` under an
            `allOf`): each schema is visited once. The union of names is the same."""
            seen = set() if _seen is None else _seen
            value = schema.read_value()
            if id(value) in seen or not isinstance(value, Mapping):
                return set()
            seen.add(id(value))
            props: set[str] = set()
            if "properties" in schema:
                props.update(str(name) for name in (schema / "properties").keys())
            for keyword in ("allOf", "anyOf", "oneOf"):
                if keyword in schema:
                    for sub in schema / keyword:
                        props.update(_collect_properties(self, sub, seen))
            for keyword in ("items", "not"):
                if keyword in schema:
                    props.update(_collect_properties(self, schema / keyword, seen))
            return props

        members["__init__"] = __init__
        members["_collect_properties"] = _collect_properties
    return type(cls.__name__, (cls,), members)


def _with_locations(base: type[Any]) -> type[Any]:
    wrapped = {name: _locating(cls) for name, cls in base.keyword_validators.items()}
    return type(base.__name__, (base,), {"keyword_validators": wrapped})


@cache
def validator_for(version: str) -> type[Any]:
    """openapi-spec-validator's validator for `version`, locating its errors.

    Imported on first use (a sixth of a second): a validation in a forked child
    then costs the main process nothing.
    """
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    return _with_locations(OpenAPIV31SpecValidator if version.startswith("3.1") else OpenAPIV30SpecValidator)


def openapi_version(doc: SourceDocument, diags: Diagnostics) -> str | None:
    """The `openapi` version string, or None after recording why it is unusable."""
    data = doc.data
    if not isinstance(data, Mapping):
        diags.error(doc.name, "", "not an OpenAPI document: the top level must be a mapping")
        return None
    if "swagger" in data:
        diags.error(
            doc.name,
            "/swagger",
            f"Swagger {data.get('swagger')} is not supported; only OpenAPI 3.0 and 3.1 are",
            hint="convert it first, e.g. with the swagger2openapi converter",
        )
        return None
    version = data.get("openapi")
    if not isinstance(version, str):
        diags.error(doc.name, "", "not an OpenAPI document: there is no `openapi` version field")
        return None
    if not (version.startswith("3.0") or version.startswith("3.1")):
        diags.error(doc.name, "/openapi", f"OpenAPI {version} is not supported; only 3.0.x and 3.1.x are")
        return None
    return version


def check_operation_ids(doc: SourceDocument, diags: Diagnostics) -> None:
    """Duplicate operationIds, each reported where it is (the validator says only which)."""
    first: dict[str, str] = {}
    paths = doc.data.get("paths")
    for path, item in (paths.items() if isinstance(paths, Mapping) else []):
        if not isinstance(item, Mapping):
            continue
        for method, op in item.items():
            if isinstance(op, Mapping) and isinstance(op.get("operationId"), str):
                pointer = join_pointer("/paths", str(path), str(method), "operationId")
                op_id = op["operationId"]
                if op_id in first:
                    diags.error(
                        doc.name, pointer, f"duplicate operationId {op_id!r}", hint=f"first used at {first[op_id]}"
                    )
                else:
                    first[op_id] = pointer


def precheck(doc: SourceDocument, diags: Diagnostics, resolver: Resolver) -> str | None:
    """Our own checks, run before the validator; the OpenAPI version when the validator should run.

    Dangling `$ref`s are found first, by our resolver, because the validator
    stops at the first one with an exception that says nothing of where it
    was.
    """
    version = openapi_version(doc, diags)
    if version is None:
        return None
    before = len(diags.errors)
    if "paths" in doc.data and not isinstance(doc.data["paths"], Mapping):
        diags.error(doc.name, "/paths", "`paths` must be a mapping of path to path item")
    check_operation_ids(doc, diags)
    resolver.check_all()
    if len(diags.errors) == before:
        resolver.check_schema_cycles()
    return version if len(diags.errors) == before else None


# How long openapi-spec-validator may take before the run stops with the place it was checking.
# GitHub's 12 MB spec takes some 8 s; SDKGEN_VALIDATION_SECONDS changes the limit.
VALIDATION_SECONDS = 120.0


def validation_seconds() -> float:
    """The validation time limit: SDKGEN_VALIDATION_SECONDS when it is a positive number."""
    try:
        seconds = float(os.environ.get("SDKGEN_VALIDATION_SECONDS", ""))
    except ValueError:
        return VALIDATION_SECONDS
    return seconds if 0 < seconds <= 1e6 else VALIDATION_SECONDS


def _why_stopped(cause: BaseException, seconds: float, at_node: bool) -> str:
    """What a person can do about the validator stopping at a node, in words rather than a traceback."""
    if isinstance(cause, _OutOfTime):
        where = (
            "; it was checking this node (a schema that refers to itself in a way the validator follows without end?)"
            if at_node
            else ""
        )
        return f"{_OUT_OF_TIME} {seconds:g} s{where} (SDKGEN_VALIDATION_SECONDS allows longer)"
    if isinstance(cause, RecursionError):
        return "this node nests or refers to itself too deeply to validate"
    if isinstance(cause, KeyError) and cause.args:
        return f"this node is not what the OpenAPI schema requires here (it has no usable {str(cause.args[0])!r})"
    if isinstance(cause, ValueError) and ("'{'" in str(cause) or "'}'" in str(cause)):
        return "a path template here has an unmatched `{` or `}`"
    return "this node does not have the shape the OpenAPI schema requires here, and could not be checked"


def schema_errors(doc: SourceDocument, version: str, key: str | None = None) -> list[tuple[str, str]]:
    """openapi-spec-validator's errors as (JSON pointer, message), without duplicates.

    A validator that fails or runs out of time (`validation_seconds`) at a node yields one
    error at that node, saying why in words. With `key` (`validation_key`), a verdict the
    machine-local cache holds for exactly these documents is the answer, and a new one is kept
    there, unless time ran out: that one depends on the machine, not on the documents.
    """
    if key is not None:
        known = remembered_errors(key)
        if known is not None:
            return known
    validator_cls = validator_for(version)
    validator = validator_cls(doc.data, base_uri=doc.path.resolve().as_uri())
    out: list[tuple[str, str]] = []
    seconds = validation_seconds()
    try:
        with _alarm(seconds):
            _collect(validator, out, seconds, doc.data)
    except _OutOfTime:  # rang outside any keyword validator, even between the handlers below
        out.append(("", f"invalid OpenAPI: {_why_stopped(_OutOfTime(), seconds, False)}"))
    if key is not None and not any(_OUT_OF_TIME in message for _, message in out):
        write_entry(VALIDATION_CACHE, key, json.dumps(out))
    return out


def validation_key(texts: Iterable[str], version: str) -> str:
    """The cache key of a validation: the generator (whose code turns the validator's errors into
    located messages) and the validator (`fingerprint`), the OpenAPI version, and every document
    it reads: the spec first, then the files its `$ref`s reach."""
    root, *rest = [sha256(text.encode("utf-8", "surrogatepass")) for text in texts] or [""]
    return key_of("validation", fingerprint(), version, root, *sorted(rest))


def remembered_errors(key: str) -> list[tuple[str, str]] | None:
    text = read_entry(VALIDATION_CACHE, key)
    if text is None:
        return None
    try:
        return [(str(pointer), str(message)) for pointer, message in json.loads(text)]
    except (ValueError, TypeError):
        return None


def where_written(data: Any, parts: tuple[Any, ...]) -> str:
    """The pointer of the node the validator reached by `parts`, where the document writes it.

    The validator's paths go through `$ref`s (`/paths/~1a/get/.../schema/properties/n` for a
    property of a component the response refers to); a local `$ref` met on the way is followed,
    so the error sits in the component, once, however many places use it.
    """
    node, at = data, ""
    for hops, token in enumerate(map(str, parts)):
        if hops > 10_000:
            break
        ref = node.get("$ref") if isinstance(node, Mapping) else None
        if isinstance(ref, str) and ref.startswith("#/") and token != "$ref":
            target = data
            for piece in split_pointer(ref[1:]):
                target = target.get(piece) if isinstance(target, Mapping) else None
            if target is not None:
                node, at = target, join_pointer("", *split_pointer(ref[1:]))
        if isinstance(node, Mapping) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return join_pointer(at, *parts[hops:]) if at else join_pointer("", *parts)
        at = join_pointer(at, token)
    return at


# The validator builds this list from a set difference: its order changes from run to run.
_UNORDERED = re.compile(r"^(Required list has not defined properties: )\[(.*)\]$")


def _in_order(message: str) -> str:
    """The message with the names the validator lists in set order sorted, so two runs print the same."""
    found = _UNORDERED.match(message)
    if found is None:
        return message
    try:
        names = ast.literal_eval(f"[{found.group(2)}]")
    except (ValueError, SyntaxError):
        return message
    return f"{found.group(1)}{sorted(map(str, names))}"


# A composite keyword's failure quotes the whole node it failed on, which the pointer already names.
_QUOTES_NODE = re.compile(r"^(.{60,}) (is not valid under any of the given schemas|is valid under each of .*)$", re.S)


def _short(message: str) -> str:
    """The message without the repr of a large node in front of it."""
    found = _QUOTES_NODE.match(message)
    return f"the node {found.group(2)}" if found else message


def _collect(validator: Any, out: list[tuple[str, str]], seconds: float, data: Any) -> None:
    """The validator's errors into `out`, without duplicates; a stop at a node as one error there."""
    seen: set[tuple[str, str]] = set()
    try:
        for err in validator.iter_errors():
            parts = getattr(err, _LOCATED, None)
            if parts is None:
                parts = tuple(getattr(err, "absolute_path", ()) or ())
            pointer = where_written(data, tuple(parts))
            message = _short(_in_order(str(getattr(err, "message", err))))
            if len(message) > 300:
                message = message[:297] + "..."
            if (pointer, message) in seen:
                continue
            seen.add((pointer, message))
            out.append((pointer, f"invalid OpenAPI: {message}"))
    except _Stopped as stop:
        why = _why_stopped(stop.cause, seconds, bool(stop.parts))
        out.append((where_written(data, tuple(stop.parts)), f"invalid OpenAPI: {why}"))
    except (Exception, RecursionError) as exc:  # before any keyword validator ran
        out.append(("", f"invalid OpenAPI: {_why_stopped(exc, seconds, False)}"))


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Raise _OutOfTime in this thread after `seconds`, where there are signals to do it with."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def ring(signum: int, frame: Any) -> None:
        raise _OutOfTime()

    previous = signal.signal(signal.SIGALRM, ring)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:  # even if the alarm rang just now
            signal.signal(signal.SIGALRM, previous)


# Where a violation is local (`--lenient`): inside one component of these kinds, or one
# operation's parameters, request body or responses.
_LOCAL_COMPONENTS = frozenset({"schemas", "parameters", "requestBodies", "responses", "headers", "examples"})
_LOCAL_IN_OPERATION = frozenset({"parameters", "requestBody", "responses"})
LENIENT = "lenient"  # the warning code of a violation read leniently


def is_local(pointer: str) -> bool:
    """Is a violation at `pointer` local to one schema, parameter, media type or example?

    Such a violation can be read the nearest valid way without touching the rest
    of the document; anything else (the document's shape, `paths`, an operation
    as a whole, `info`, servers, security) stays an error.
    """
    tokens = split_pointer(pointer)
    if tokens[:1] == ["components"]:
        return len(tokens) >= 3 and tokens[1] in _LOCAL_COMPONENTS
    if tokens[:1] == ["paths"] and len(tokens) >= 3:
        return tokens[2] == "parameters" or (len(tokens) >= 4 and tokens[3] in _LOCAL_IN_OPERATION)
    return False


# Slips outside one schema or operation that have one obvious reading (`--lenient`):
# (pointer, what the validator's message holds, how it is read). The builder already reads
# each so: a client without `info.version` is version 0.0.0, and the top-level `tags` list is
# not read at all (operations' own tags name resources), so a name repeated in it changes nothing.
_FORGIVEN = (
    ("/info", "'version' is a required property", "read as version 0.0.0"),
    ("/tags", "has non-unique elements", "ignored: only operations' tags are read"),
    ("/tags", "Duplicate tag name", "ignored: only operations' tags are read"),
)


def forgiven(pointer: str, message: str) -> str | None:
    """How `--lenient` reads a document-level slip, or None when it stays an error."""
    return next((how for at, text, how in _FORGIVEN if pointer == at and text in message), None)


def record(doc: SourceDocument, diags: Diagnostics, errors: list[tuple[str, str]], lenient: bool = False) -> None:
    """Record `schema_errors` output in `diags`, located in `doc`.

    With `lenient`, a local violation is a `lenient` warning instead, and its
    pointer is remembered (`Diagnostics.degraded`): the builder reads what is
    there the nearest valid way, and drops examples inside it. The few
    document-level slips `forgiven` reads are `lenient` warnings too.
    """
    for pointer, message in errors:
        reading = forgiven(pointer, message) if lenient else None
        if lenient and is_local(pointer):
            diags.warn(LENIENT, doc.name, pointer, f"{message} (read the nearest valid way: --lenient)")
            diags.degraded.add((doc.name, pointer))
        elif reading is not None:
            diags.warn(LENIENT, doc.name, pointer, f"{message} ({reading}: --lenient)")
        else:
            diags.error(doc.name, pointer, message)


def in_background() -> bool:
    """Whether to validate in a forked child while the parent builds and renders: wherever fork is.

    The parent then never imports openapi-spec-validator either (a sixth of a second), so it pays
    off at every size: a 38 kB spec 0.57 -> 0.38 s, GitHub's 8 s of validation off the main path.
    SDKGEN_BACKGROUND_VALIDATION=1/0 forces the choice (tests use it).
    """
    forced = os.environ.get("SDKGEN_BACKGROUND_VALIDATION")
    if not hasattr(os, "fork"):
        return False
    if forced in ("0", "1"):
        return forced == "1"
    return True


def _exit_with_parent(lifeline: int) -> None:
    """In a forked child: exit the moment the parent is gone, however it went.

    The parent holds the only write end of the `lifeline` pipe and never writes to it; when
    it exits, even by SIGKILL, the read returns end-of-file. (Linux's PR_SET_PDEATHSIG would do
    this for one platform only.)
    """

    def watch() -> None:
        try:
            os.read(lifeline, 1)
        finally:
            os._exit(1)

    threading.Thread(target=watch, name="sdkgen-lifeline", daemon=True).start()


class BackgroundValidation:
    """`schema_errors` computed in a forked child, collected later with `report`.

    The child inherits the loaded document (nothing is copied up front) and
    sends back only the errors, as JSON through a pipe. Nothing is written
    until `report` has run: an invalid spec still leaves the output as it was.
    The child stops itself at the time limit (`validation_seconds`), and exits
    when the parent does; the parent stops waiting a little after that limit.
    """

    def __init__(self, doc: SourceDocument, version: str, key: str | None = None) -> None:
        self._doc = doc
        read_end, write_end = os.pipe()
        life_read, life_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: validate, send, exit without running the parent's cleanup
            try:
                for name in ("SIGTERM", "SIGHUP", "SIGINT"):  # not the CLI's unwinding: just stop
                    if hasattr(signal, name):
                        signal.signal(getattr(signal, name), signal.SIG_DFL)
                os.close(read_end)
                os.close(life_write)
                _exit_with_parent(life_read)
                try:
                    payload = json.dumps(schema_errors(doc, version, key))
                except BaseException as exc:  # noqa: BLE001 - the parent must hear of any failure
                    payload = json.dumps([["", f"invalid OpenAPI: the validator failed: {type(exc).__name__}"]])
                with os.fdopen(write_end, "w", encoding="utf-8") as pipe:
                    pipe.write(payload)
            finally:
                os._exit(0)
        os.close(write_end)
        os.close(life_read)
        self._pid: int | None = pid
        self._read = read_end
        self._lifeline = life_write

    def report(self, diags: Diagnostics) -> None:
        """Wait for the child, at most a little past its own time limit, and record its errors in `diags`."""
        if self._pid is None:
            return
        seconds = validation_seconds()
        chunks: list[bytes] = []
        deadline = time.monotonic() + seconds + 30
        while True:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._read], [], [], max(left, 0))
            if not ready:
                self.cancel()
                diags.error(self._doc.name, "", f"invalid OpenAPI: validation did not finish within {seconds:g} s")
                return
            chunk = os.read(self._read, 65536)
            if not chunk:
                break
            chunks.append(chunk)
        self._reap(signal_first=False)
        try:
            errors = json.loads(b"".join(chunks).decode("utf-8"))
        except ValueError:
            errors = [["", "invalid OpenAPI: the validator stopped without an answer"]]
        record(self._doc, diags, [(str(pointer), str(message)) for pointer, message in errors])

    def cancel(self) -> None:
        """Stop the child when its answer is no longer needed (the run failed for another reason)."""
        if self._pid is not None:
            self._reap(signal_first=True)

    def _reap(self, signal_first: bool) -> None:
        assert self._pid is not None
        if signal_first:
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        os.waitpid(self._pid, 0)
        os.close(self._read)
        os.close(self._lifeline)
        self._pid = None
