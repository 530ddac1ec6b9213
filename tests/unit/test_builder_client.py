"""generator/builder/client.py (and what build_model copies from the config): the client's own facts."""

from __future__ import annotations

from typing import Any

import pytest

from generator.ir import ClientModel

from .spec import build, spec


def client(config: dict[str, Any] | None = None, info: dict[str, Any] | None = None, **top: Any) -> ClientModel:
    doc = spec(**top)
    doc["info"].update(info or {})
    return build(doc, config).model


@pytest.mark.parametrize(
    ("servers", "url"),
    [
        ([{"url": "https://api.example.com/v1/"}, {"url": "https://other.example.com"}], "https://api.example.com/v1"),
        (
            [
                {
                    "url": "https://{region}.example.com/{base}",
                    "variables": {"region": {"default": "eu"}, "base": {"default": "api"}},
                }
            ],
            "https://eu.example.com/api",
        ),
        ([{"url": "/api"}], ""),
        ([], ""),
    ],
)
def test_base_url_is_the_first_absolute_server_with_its_defaults(servers: list[Any], url: str) -> None:
    assert client(servers=servers).base_url == url


def test_authentication_from_the_security_schemes() -> None:
    bearer = {"securitySchemes": {"token": {"type": "http", "scheme": "Bearer"}}}
    model = client(components=bearer)
    assert (model.auth_header, model.auth_scheme) == ("Authorization", "Bearer")
    key = {"securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "X-Api-Key"}}}
    model = client(components=key)
    assert (model.auth_header, model.auth_scheme) == ("X-Api-Key", "")
    # Schemes are read by name: `a_key` comes before `b_token`, whatever the file's order.
    both = {
        "securitySchemes": {"b_token": {"type": "http", "scheme": "bearer"}, "a_key": key["securitySchemes"]["key"]}
    }
    assert client(components=both).auth_header == "X-Api-Key"


def test_an_unsupported_scheme_falls_back_to_bearer_with_a_warning_per_scheme() -> None:
    flows = {"clientCredentials": {"tokenUrl": "https://example.com/token", "scopes": {}}}
    schemes = {"oauth": {"type": "oauth2", "flows": flows}, "query_key": {"type": "apiKey", "in": "query", "name": "k"}}
    built = build(spec(components={"securitySchemes": schemes}))
    assert (built.model.auth_header, built.model.auth_scheme) == ("Authorization", "Bearer")
    assert [pointer for pointer, _ in built.warned("unsupported-auth")] == [
        "/components/securitySchemes/oauth",
        "/components/securitySchemes/query_key",
    ]
    assert build(spec()).warned("unsupported-auth") == []  # none declared: bearer, silently


def test_the_config_names_the_client() -> None:
    config = {
        "package_name": "acme_sdk",
        "client_class": "Acme",
        "project_name": "acme-python",
        "package_version": "2.0.0",
        "env_prefix": "ACME_X",
    }
    model = client(config, info={"title": "Something Else API", "version": "9"})
    assert (model.package, model.client_class, model.project_name, model.version, model.env_prefix) == (
        "acme_sdk",
        "Acme",
        "acme-python",
        "2.0.0",
        "ACME_X",
    )
    assert (model.api_key_env, model.base_url_env, model.log_env) == ("ACME_X_API_KEY", "ACME_X_BASE_URL", "ACME_X_LOG")


def test_without_config_names_come_from_the_title_with_a_trailing_api_dropped() -> None:
    with_api = client(info={"title": "Acme Trading API", "version": "3.1"})
    without = client(info={"title": "Acme Trading"})
    assert with_api.title == "Acme Trading API" and with_api.version == "3.1"
    for fact in ("package", "client_class", "env_prefix"):
        assert getattr(with_api, fact) == getattr(without, fact), fact
    assert client(info={"title": "Other"}).package != with_api.package


def test_client_settings_and_the_request_id_come_from_the_config() -> None:
    default = client()
    assert (default.max_retries, default.timeout, default.connect_timeout, default.max_retry_after) == (
        2,
        60.0,
        5.0,
        60.0,
    )
    assert (default.request_id_header, default.request_id_body_path) == ("x-request-id", ("metadata", "request_id"))
    config = {
        "client": {"max_retries": 0, "timeout": 5, "connect_timeout": 1.5, "max_retry_after": 10},
        "request_id": {"header": "X-Trace-Id", "body_path": ["meta", "trace"]},
    }
    model = client(config)
    assert (model.max_retries, model.timeout, model.connect_timeout, model.max_retry_after) == (0, 5.0, 1.5, 10.0)
    assert (model.request_id_header, model.request_id_body_path) == ("X-Trace-Id", ("meta", "trace"))


def test_the_description_is_spec_text() -> None:
    assert client(info={"description": "  Trade things.  "}).description == "Trade things."
    assert client().description is None
