"""Access control: API keys (stored hashed) and JWTs (HS256, RS256 from a JWKS file).

Anonymous clients read; writes need a role; a bad credential is 401, a missing one on a
write is 401, too low a role is 403, and no answer depends on whether an id exists.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from pydantic import SecretStr
from starlette.requests import Request
from starlette.testclient import TestClient

from graph_service.api.app import create_app
from graph_service.api.auth import (
    AuthenticationRequiredError,
    Authenticator,
    InvalidCredentialsError,
    PermissionDeniedError,
    hash_api_key,
    require_role,
)
from graph_service.api.context import Principal
from graph_service.graph.executor import Graph
from graph_service.settings import ApiKeyGrant, ConfigurationError, Settings, load_settings

SECRET = "a-test-secret-that-is-long-enough-for-hs256"
READER_KEY = "reader-key-0123456789abcdef"
ADMIN_KEY = "admin-key-0123456789abcdef"
KID = "test-key-1"
GRAPHQL_RESPONSE = "application/graphql-response+json"


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@pytest.fixture(scope="module")
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def jwks_file(tmp_path_factory: pytest.TempPathFactory, rsa_key: rsa.RSAPrivateKey) -> Path:
    jwk = json.loads(RSAAlgorithm.to_jwk(rsa_key.public_key()))
    jwk.update({"kid": KID, "alg": "RS256", "use": "sig"})
    path = tmp_path_factory.mktemp("jwks") / "jwks.json"
    path.write_text(json.dumps({"keys": [jwk]}), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def auth_settings(settings: Settings, jwks_file: Path) -> Settings:
    return settings.model_copy(
        update={
            "jwt_secret": SecretStr(SECRET),
            "jwks_file": jwks_file,
            "api_keys": {
                hash_api_key(READER_KEY): ApiKeyGrant(subject="bot", roles=("reader",)),
                hash_api_key(ADMIN_KEY): ApiKeyGrant(subject="ops", roles=("admin",)),
            },
        }
    )


@pytest.fixture(scope="module")
def authenticator(auth_settings: Settings) -> Authenticator:
    return Authenticator.from_settings(auth_settings)


def claims(**extra: Any) -> dict[str, Any]:
    return {"sub": "curator@example.org", "exp": int(time.time()) + 300, **extra}


def hs256(**extra: Any) -> str:
    return jwt.encode(claims(**extra), SECRET, algorithm="HS256")


def rs256(key: rsa.RSAPrivateKey, kid: str = KID, **extra: Any) -> str:
    return jwt.encode(claims(**extra), key, algorithm="RS256", headers={"kid": kid})


def request_with(authorization: str | None) -> Request:
    headers = [] if authorization is None else [(b"authorization", authorization.encode())]
    return Request({"type": "http", "method": "POST", "headers": headers})


# -- authenticate --------------------------------------------------------------------------


def test_no_header_is_anonymous(authenticator: Authenticator) -> None:
    assert authenticator.authenticate(request_with(None)) is None


def test_api_keys_are_matched_by_their_hash(authenticator: Authenticator) -> None:
    principal = authenticator.authenticate(request_with(f"Bearer {READER_KEY}"))
    assert principal == Principal("bot", frozenset({"reader"}))
    with pytest.raises(InvalidCredentialsError):
        authenticator.authenticate(request_with(f"Bearer {hash_api_key(READER_KEY)}"))


def test_hs256_token_gives_its_subject_and_known_roles(authenticator: Authenticator) -> None:
    token = hs256(roles=["editor", "superuser"])
    principal = authenticator.authenticate(request_with(f"Bearer {token}"))
    assert principal == Principal("curator@example.org", frozenset({"editor"}))


def test_rs256_token_verified_against_the_jwks_file(
    authenticator: Authenticator, rsa_key: rsa.RSAPrivateKey
) -> None:
    principal = authenticator.authenticate(
        request_with(f"Bearer {rs256(rsa_key, roles=['admin'])}")
    )
    assert principal == Principal("curator@example.org", frozenset({"admin"}))


def forged_hs256_with_public_key(rsa_key: rsa.RSAPrivateKey) -> str:
    """The algorithm-confusion forgery: HMAC keyed with the (public) RSA key."""
    pem = rsa_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    head = b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": KID}).encode())
    body = b64(json.dumps(claims(roles=["admin"])).encode())
    signature = hmac.new(pem, f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{b64(signature)}"


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda key: hs256(exp=int(time.time()) - 3600), id="expired"),
        pytest.param(
            lambda key: jwt.encode(claims(), "another-secret-that-is-long-enough!!", "HS256"),
            id="wrong-secret",
        ),
        pytest.param(
            lambda key: jwt.encode({"sub": "x"}, SECRET, algorithm="HS256"), id="no-expiry"
        ),
        pytest.param(lambda key: jwt.encode(claims(), "", algorithm="none"), id="alg-none"),
        pytest.param(
            lambda key: rs256(rsa.generate_private_key(public_exponent=65537, key_size=2048)),
            id="unknown-rsa-key",
        ),
        pytest.param(lambda key: rs256(key, kid="other"), id="unknown-kid"),
        pytest.param(forged_hs256_with_public_key, id="alg-confusion"),
        pytest.param(lambda key: hs256(roles="admin"), id="roles-not-a-list"),
        pytest.param(lambda key: "not.a.jwt", id="garbage-jwt"),
        pytest.param(lambda key: "unknown-api-key", id="unknown-api-key"),
    ],
)
def test_bad_tokens_are_refused(
    authenticator: Authenticator, rsa_key: rsa.RSAPrivateKey, make: Any
) -> None:
    with pytest.raises(InvalidCredentialsError):
        authenticator.authenticate(request_with(f"Bearer {make(rsa_key)}"))


def test_confused_algorithm_is_refused_even_without_an_hs256_secret(
    auth_settings: Settings, rsa_key: rsa.RSAPrivateKey
) -> None:
    only_jwks = Authenticator.from_settings(auth_settings.model_copy(update={"jwt_secret": None}))
    with pytest.raises(InvalidCredentialsError):
        only_jwks.authenticate(request_with(f"Bearer {forged_hs256_with_public_key(rsa_key)}"))
    with pytest.raises(InvalidCredentialsError):
        only_jwks.authenticate(request_with(f"Bearer {hs256()}"))


@pytest.mark.parametrize("header", ["Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Token abc"])
def test_other_schemes_are_refused(authenticator: Authenticator, header: str) -> None:
    with pytest.raises(InvalidCredentialsError):
        authenticator.authenticate(request_with(header))


def test_audience_and_issuer_are_checked_when_configured(auth_settings: Settings) -> None:
    strict = Authenticator.from_settings(
        auth_settings.model_copy(update={"jwt_audience": "graph", "jwt_issuer": "https://idp"})
    )
    good = hs256(aud="graph", iss="https://idp")
    assert strict.authenticate(request_with(f"Bearer {good}")) is not None
    for bad in (
        hs256(aud="other", iss="https://idp"),
        hs256(iss="https://idp"),
        hs256(aud="graph"),
    ):
        with pytest.raises(InvalidCredentialsError):
            strict.authenticate(request_with(f"Bearer {bad}"))


# -- require_role --------------------------------------------------------------------------


def info_for(principal: Principal | None) -> Any:
    return SimpleNamespace(context=SimpleNamespace(principal=principal))


def test_require_role_ranks_admin_over_editor_over_reader() -> None:
    admin = Principal("a", frozenset({"admin"}))
    assert require_role(info_for(admin), "editor") is admin
    with pytest.raises(AuthenticationRequiredError):
        require_role(info_for(None), "reader")
    with pytest.raises(PermissionDeniedError) as denied:
        require_role(info_for(Principal("r", frozenset({"reader"}))), "editor")
    assert denied.value.extensions == {"code": "FORBIDDEN"}
    with pytest.raises(ValueError):
        require_role(info_for(admin), "owner")


# -- settings ------------------------------------------------------------------------------


def test_api_keys_setting_is_a_json_map_of_digests() -> None:
    digest = hash_api_key("k")
    loaded = load_settings(
        {"GRAPH_SERVICE_API_KEYS": json.dumps({digest: {"subject": "s", "roles": ["editor"]}})}
    )
    assert loaded.api_keys[digest].roles == ("editor",)
    for bad in (
        json.dumps({"plain-key": {"subject": "s"}}),
        json.dumps({digest: {"subject": "s", "roles": ["root"]}}),
        "{not json",
    ):
        with pytest.raises(ConfigurationError, match="GRAPH_SERVICE_API_KEYS"):
            load_settings({"GRAPH_SERVICE_API_KEYS": bad})


def test_a_short_hs256_secret_or_a_bad_jwks_file_stops_the_service(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="GRAPH_SERVICE_JWT_SECRET"):
        load_settings({"GRAPH_SERVICE_JWT_SECRET": "short"})
    bad = tmp_path / "jwks.json"
    bad.write_text("[]", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="GRAPH_SERVICE_JWKS_FILE"):
        Authenticator.from_settings(load_settings({"GRAPH_SERVICE_JWKS_FILE": str(bad)}))


# -- over HTTP -----------------------------------------------------------------------------

DELETE = 'mutation { deleteMinistry(id: "%s", detach: true) { __typename } }'
EXISTING = "kementerian-panrb"
MISSING = "no-such-ministry"


@pytest.fixture(scope="module")
def http(graph: Graph, auth_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(auth_settings)) as client:
        yield client


def send(client: TestClient, query: str, token: str | None = None) -> Any:
    headers = {"Accept": GRAPHQL_RESPONSE, "Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return client.post("/graphql", content=json.dumps({"query": query}), headers=headers)


def still_there(client: TestClient) -> bool:
    body = send(client, f'{{ node(id: "{EXISTING}") {{ id }} }}').json()
    return body["data"]["node"] is not None


def test_anonymous_clients_read(http: TestClient) -> None:
    assert still_there(http)


def test_a_bad_token_is_401_even_for_a_read_and_says_nothing_more(http: TestClient) -> None:
    expired = hs256(exp=int(time.time()) - 3600)
    for token in (expired, "unknown-api-key"):
        response = send(http, "{ __typename }", token)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == 'Bearer error="invalid_token"'
        assert response.json() == {
            "errors": [
                {
                    "message": "invalid or expired credentials",
                    "extensions": {"code": "UNAUTHENTICATED"},
                }
            ]
        }


def test_an_anonymous_write_is_401_and_reveals_nothing(http: TestClient) -> None:
    answers = [send(http, DELETE % id_) for id_ in (EXISTING, MISSING)]
    assert [a.status_code for a in answers] == [401, 401]
    assert answers[0].headers["www-authenticate"] == "Bearer"
    assert answers[0].json() == answers[1].json()
    assert answers[0].json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert still_there(http)


def test_a_reader_write_is_403_and_reveals_nothing(http: TestClient) -> None:
    for token in (READER_KEY, hs256(roles=["reader"]), hs256()):
        answers = [send(http, DELETE % id_, token) for id_ in (EXISTING, MISSING)]
        assert [a.status_code for a in answers] == [403, 403]
        assert answers[0].json() == answers[1].json()
        assert answers[0].json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert still_there(http)


def test_editor_and_admin_credentials_may_write(
    http: TestClient, rsa_key: rsa.RSAPrivateKey
) -> None:
    for token in (hs256(roles=["editor"]), rs256(rsa_key, roles=["editor"]), ADMIN_KEY):
        response = send(http, DELETE % MISSING, token)  # a write that finds nothing to delete
        assert response.status_code == 200, response.text
        assert "errors" not in response.json()
