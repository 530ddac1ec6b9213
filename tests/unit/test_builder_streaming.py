"""generator/builder/streaming.py: which operations stream, and the switch that asks for it."""

from __future__ import annotations

from typing import Any

from generator.ir import RefType
from generator.python.identifiers import PythonNames
from generator.python.names import PythonSpelling

from .spec import build, content, ref, spec

CHUNK = {"type": "object", "properties": {"delta": {"type": "string"}}}
ANSWER = {"type": "object", "properties": {"text": {"type": "string"}}}


def chat(stream: dict[str, Any], required: bool = False) -> dict[str, Any]:
    """A spec whose one operation answers JSON or events, with `stream` in its body as given."""
    body = {"type": "object", "required": ["prompt", *(["stream"] if required else [])], "properties": {"prompt": {"type": "string"}, "stream": stream}}
    answers = {**content(ref("Answer")), **content(ref("Chunk"), "text/event-stream")}
    operation = {
        "operationId": "createChat",
        "requestBody": {"required": True, "content": content(body)},
        "responses": {"200": {"description": "the answer, or its chunks", "content": answers}},
    }
    return spec({"/chat": {"post": operation}}, {"Answer": ANSWER, "Chunk": CHUNK})


def test_a_boolean_stream_field_is_the_switch() -> None:
    built = build(chat({"type": "boolean"}))
    op = built.op("post", "/chat")
    assert op.streams_on_request and op.streaming is not None and op.streaming.switch is not None
    assert op.streaming.switch.wire_name == "stream" and built.warned("stream-not-offered") == []


def test_a_nullable_boolean_stream_field_is_the_switch_too() -> None:
    """OpenAI's chat completions: `stream: {type: boolean, nullable: true}`, or 3.1's type list."""
    for stream in ({"type": "boolean", "nullable": True}, {"type": ["boolean", "null"]}, {"anyOf": [{"type": "boolean"}, {"type": "null"}]}):
        built = build(chat(stream))
        op = built.op("post", "/chat")
        assert op.streams_on_request, stream
        assert built.warned("stream-not-offered") == [], stream


def test_a_stream_field_of_another_type_is_no_switch() -> None:
    built = build(chat({"type": "string"}))
    assert built.op("post", "/chat").streaming is None
    assert [pointer for pointer, _ in built.warned("stream-not-offered")] == ["/paths/~1chat/post/responses/200/content/text~1event-stream"]


def overloads(stream: dict[str, Any], required: bool = False) -> list[tuple[str, bool, str]]:
    model = build(chat(stream, required)).model
    py = PythonSpelling(PythonNames(model))
    (op,) = model.operations
    return [(o.switch, o.optional, o.returns) for o in py.stream_overloads(op, is_async=False)]


def test_python_overloads_let_null_ask_for_the_answer_where_the_switch_is_nullable() -> None:
    assert overloads({"type": "boolean"}) == [
        ("Union[Literal[False], NotGiven]", True, "Answer"),
        ("Literal[True]", False, "Stream[Chunk]"),
        ("bool", False, "Union[Answer, Stream[Chunk]]"),
    ]
    assert overloads({"type": "boolean", "nullable": True}) == [
        ("Union[Literal[False], None, NotGiven]", True, "Answer"),
        ("Literal[True]", False, "Stream[Chunk]"),
        ("Optional[bool]", False, "Union[Answer, Stream[Chunk]]"),
    ]
    assert overloads({"type": ["boolean", "null"]}, required=True)[0] == ("Union[Literal[False], None]", False, "Answer")


def test_the_event_the_config_names_is_that_components_own_type() -> None:
    """A spec that streams without saying so (Anthropic's): the config names a component schema, and the
    stream's events are that component's declaration, not a copy of it under another name."""
    doc = spec({"/chat": {"post": {
        "operationId": "createChat",
        "requestBody": {"required": True, "content": content({"type": "object", "properties": {"stream": {"type": "boolean"}}})},
        "responses": {"200": {"description": "the answer", "content": content(ref("Answer"))}},
    }}}, {"Answer": ANSWER, "Chunk": CHUNK})
    built = build(doc, config={"streaming": {"createChat": {"event": "Chunk"}}})
    op = built.op("post", "/chat")
    assert op.streams_on_request and op.streaming is not None
    assert op.streaming.event == RefType(built.component("Chunk"))
    components = sorted(d.source.partition("#")[2] for d in built.model.decls if "#/components/" in d.source)
    assert components == ["/components/schemas/Answer", "/components/schemas/Chunk"]
