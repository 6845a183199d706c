"""Configuration from the environment: typed, and a bad value names its variable."""

from __future__ import annotations

import pytest

from graph_service.settings import ConfigurationError, load_settings


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("GRAPH_SERVICE_PORT", "eighty"),
        ("GRAPH_SERVICE_PORT", "0"),
        ("GRAPH_SERVICE_PORT", "65536"),
        ("GRAPH_SERVICE_EMBEDDED_BOLT_PORT", "-1"),
        ("GRAPH_SERVICE_EMBEDDED_HTTP_PORT", "http"),
        ("NEO4J_URI", "http://127.0.0.1:7474"),
        ("NEO4J_URI", "127.0.0.1:7687"),
        ("GRAPH_SERVICE_MAX_PAGE_SIZE", "0"),
        ("GRAPH_SERVICE_NESTED_PAGE_SIZE", "0"),
        ("GRAPH_SERVICE_NESTED_PAGE_SIZE", "101"),
        ("GRAPH_SERVICE_GRAPH_TIMEOUT", "soon"),
        ("GRAPH_SERVICE_MODE", "staging"),
        ("GRAPH_SERVICE_RATE_LIMIT_STORAGE", "memcached://127.0.0.1:11211"),
        ("GRAPH_SERVICE_RATE_LIMIT_STORAGE", "127.0.0.1:6379"),
    ],
)
def test_a_bad_value_names_its_variable(variable: str, value: str) -> None:
    with pytest.raises(ConfigurationError) as raised:
        load_settings({variable: value})
    message = str(raised.value)
    assert variable in message
    assert repr(value) in message  # and says what it got


def test_every_bad_variable_is_named_at_once() -> None:
    with pytest.raises(ConfigurationError) as raised:
        load_settings({"GRAPH_SERVICE_PORT": "x", "NEO4J_URI": "ftp://graph"})
    assert "GRAPH_SERVICE_PORT" in str(raised.value)
    assert "NEO4J_URI" in str(raised.value)


def test_the_process_environment_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRAPH_SERVICE_PORT", "not-a-port")
    with pytest.raises(ConfigurationError, match="GRAPH_SERVICE_PORT"):
        load_settings()


def test_defaults_run_the_embedded_graph() -> None:
    settings = load_settings({})
    assert settings.embedded
    assert settings.database == "spbe"
    assert (settings.host, settings.port) == ("127.0.0.1", 8000)
    assert settings.neo4j_password is None


def test_the_rate_limit_counts_in_memory_unless_a_redis_is_named() -> None:
    assert load_settings({}).rate_limit_storage == "memory://"
    shared = load_settings({"GRAPH_SERVICE_RATE_LIMIT_STORAGE": "redis://cache:6379/2"})
    assert shared.rate_limit_storage == "redis://cache:6379/2"


@pytest.mark.parametrize(
    "uri", ["bolt://db:7687", "neo4j://cluster:7687", "neo4j+s://x.databases.neo4j.io"]
)
def test_a_neo4j_uri_turns_the_embedded_graph_off(uri: str) -> None:
    settings = load_settings(
        {
            "NEO4J_URI": uri,
            "NEO4J_USERNAME": "reader",
            "NEO4J_PASSWORD": "s3cret-value",
            "NEO4J_DATABASE": "spbe",
        }
    )
    assert not settings.embedded
    assert settings.database == "spbe"
    assert settings.neo4j_password is not None
    assert settings.neo4j_password.get_secret_value() == "s3cret-value"
    assert "s3cret-value" not in repr(settings)


def test_an_empty_neo4j_uri_means_embedded() -> None:
    assert load_settings({"NEO4J_URI": ""}).embedded


def test_unrelated_variables_are_ignored() -> None:
    settings = load_settings({"PORT": "nonsense", "HOME": "/nowhere"})
    assert settings.port == 8000
