"""Fake credential endpoints for environment.py: SSO portal + SSO-OIDC, container, IMDSv2.

Each hands out the access key of a moto user, so "which identity signed the call" is observable
from moto (GetUser with no UserName answers with the key's owner). The wire formats are the real
services' (botocore's ``sso`` / ``sso-oidc`` models, restJson1; the ECS container-credentials and
EC2 IMDSv2 documents), checked against what botocore and aws-config 1.13 send. All bind 127.0.0.1
and record what they receive (see _recording.py for the shared ``/__harness__/`` paths).
"""

from __future__ import annotations

import datetime
import json
import secrets
import threading

from _recording import RecordingHandler, RecordingServer

#: Lifetime of the temporary credentials handed out: long enough that no client refreshes during a
#: test (botocore refreshes 15 minutes before expiry, aws-config 5 minutes before).
CREDENTIALS_LIFETIME = datetime.timedelta(hours=1)


def _expiry() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) + CREDENTIALS_LIFETIME


def iso8601(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


# --------------------------------------------------------------------------
# SSO portal (GetRoleCredentials) and SSO-OIDC (CreateToken), one server
# --------------------------------------------------------------------------


class SsoServer(RecordingServer):
    """``GET /federation/credentials`` (portal) and ``POST /token`` (OIDC refresh) on one port.

    ``access_tokens``: access token -> the moto key pair (``{"AccessKeyId", "SecretAccessKey"}``)
    GetRoleCredentials answers with. ``refresh_grants``: refresh token -> ``{"clientId",
    "clientSecret", "accessToken"}``: CreateToken with that refresh token and client registration
    issues ``accessToken`` (which must itself be in ``access_tokens`` to be usable).
    ``account_id`` / ``role_name``: the only assignment the portal knows.
    """

    def __init__(self, access_tokens: dict, refresh_grants: dict, account_id: str, role_name: str):
        super().__init__(SsoHandler, "sso")
        self.access_tokens = access_tokens
        self.refresh_grants = refresh_grants
        self.account_id = account_id
        self.role_name = role_name


class SsoHandler(RecordingHandler):
    server: SsoServer

    def _error(self, status: int, code: str, fields: dict):
        # restJson1 errors: botocore reads the x-amzn-ErrorType header (then __type); the Rust
        # SDK reads the same header. Send both so neither has to guess.
        self.send_json(status, {"__type": code, **fields}, headers={"x-amzn-ErrorType": code})

    def handle_request(self, method, path, query, body):
        if method == "GET" and path == "/federation/credentials":
            return self._get_role_credentials(query)
        if method == "POST" and path == "/token":
            return self._create_token(body)
        return self._error(404, "ResourceNotFoundException", {"message": f"no route for {method} {path}"})

    def _get_role_credentials(self, query):
        token = self.headers.get("x-amz-sso_bearer_token", "")
        keys = self.server.access_tokens.get(token)
        if keys is None:
            # What the real portal answers for an unknown or expired access token.
            return self._error(401, "UnauthorizedException", {"message": "Session token not found or invalid"})
        if query.get("account_id") != self.server.account_id or query.get("role_name") != self.server.role_name:
            return self._error(403, "ForbiddenException", {"message": "No access"})
        expiration_ms = int(_expiry().timestamp() * 1000)
        self.send_json(
            200,
            {
                "roleCredentials": {
                    "accessKeyId": keys["AccessKeyId"],
                    "secretAccessKey": keys["SecretAccessKey"],
                    "sessionToken": "env-sso-session-token-" + secrets.token_hex(8),
                    "expiration": expiration_ms,
                }
            },
        )

    def _create_token(self, body):
        try:
            request = json.loads(body or b"{}")
        except ValueError:
            return self._error(400, "InvalidRequestException", {"error": "invalid_request", "error_description": "body is not JSON"})
        if request.get("grantType") != "refresh_token":
            return self._error(400, "UnsupportedGrantTypeException", {"error": "unsupported_grant_type"})
        grant = self.server.refresh_grants.get(request.get("refreshToken", ""))
        if grant is None:
            return self._error(400, "InvalidGrantException", {"error": "invalid_grant", "error_description": "unknown refresh token"})
        if (request.get("clientId"), request.get("clientSecret")) != (grant["clientId"], grant["clientSecret"]):
            return self._error(401, "InvalidClientException", {"error": "invalid_client"})
        self.send_json(
            200,
            {
                "accessToken": grant["accessToken"],
                "expiresIn": 8 * 3600,
                "refreshToken": request["refreshToken"],
                "tokenType": "Bearer",
            },
        )


# --------------------------------------------------------------------------
# Container credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI)
# --------------------------------------------------------------------------


class ContainerServer(RecordingServer):
    """``GET /creds`` with ``Authorization: <token>`` -> the ECS credentials document for ``keys``."""

    PATH = "/creds"

    def __init__(self, keys: dict, authorization: str):
        super().__init__(ContainerHandler, "container")
        self.keys = keys
        self.authorization = authorization


class ContainerHandler(RecordingHandler):
    server: ContainerServer

    def handle_request(self, method, path, query, body):
        if method != "GET" or path != ContainerServer.PATH:
            return self.send_json(404, {"message": f"no route for {method} {path}"})
        if self.headers.get("Authorization") != self.server.authorization:
            return self.send_json(401, {"code": "Unauthorized", "message": "missing or wrong Authorization header"})
        self.send_json(
            200,
            {
                "AccessKeyId": self.server.keys["AccessKeyId"],
                "SecretAccessKey": self.server.keys["SecretAccessKey"],
                "Token": "env-container-session-token",
                "Expiration": iso8601(_expiry()),
            },
        )


# --------------------------------------------------------------------------
# EC2 instance metadata, IMDSv2 only
# --------------------------------------------------------------------------


class ImdsServer(RecordingServer):
    """IMDSv2: ``PUT /latest/api/token`` then token-bearing GETs of the role and its credentials.

    GETs without a valid ``X-aws-ec2-metadata-token`` get 401, as on an instance that requires
    IMDSv2, so a client that skips the token step fails visibly.
    """

    CREDS = "/latest/meta-data/iam/security-credentials/"

    def __init__(self, keys: dict, role_name: str):
        super().__init__(ImdsHandler, "imds")
        self.keys = keys
        self.role_name = role_name
        self.tokens: set = set()
        self.tokens_lock = threading.Lock()

    def reset(self):
        super().reset()
        with self.tokens_lock:
            self.tokens.clear()


class ImdsHandler(RecordingHandler):
    server: ImdsServer

    def handle_request(self, method, path, query, body):
        # AWS_EC2_METADATA_SERVICE_ENDPOINT is often written with a trailing slash; a client that
        # joins it naively asks for "//latest/...". Real IMDS tolerates that, so do we.
        while "//" in path:
            path = path.replace("//", "/")
        if path == "/latest/api/token":
            return self._token(method)
        if method != "GET":
            return self.send(405, b"", "text/plain")
        with self.server.tokens_lock:
            valid = self.headers.get("X-aws-ec2-metadata-token") in self.server.tokens
        if not valid:
            return self.send(401, b"", "text/plain")
        if path == ImdsServer.CREDS:
            return self.send(200, self.server.role_name.encode(), "text/plain")
        if path == ImdsServer.CREDS + self.server.role_name:
            document = {
                "Code": "Success",
                "LastUpdated": iso8601(datetime.datetime.now(datetime.timezone.utc)),
                "Type": "AWS-HMAC",
                "AccessKeyId": self.server.keys["AccessKeyId"],
                "SecretAccessKey": self.server.keys["SecretAccessKey"],
                "Token": "env-imds-session-token",
                "Expiration": iso8601(_expiry()),
            }
            return self.send(200, json.dumps(document).encode(), "text/plain")
        return self.send(404, b"", "text/plain")

    def _token(self, method):
        if method != "PUT":
            return self.send(405, b"", "text/plain")
        ttl = self.headers.get("X-aws-ec2-metadata-token-ttl-seconds", "")
        if not ttl.isdigit() or not 1 <= int(ttl) <= 21600:
            return self.send(400, b"", "text/plain")
        token = "env-imds-token-" + secrets.token_hex(8)
        with self.server.tokens_lock:
            if len(self.server.tokens) > 1000:  # bounded: a looping client cannot grow it for ever
                self.server.tokens.clear()
            self.server.tokens.add(token)
        # aws-config insists on the TTL header in the answer.
        self.send(200, token.encode(), "text/plain", headers={"X-aws-ec2-metadata-token-ttl-seconds": ttl})
