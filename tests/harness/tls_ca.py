"""A throw-away certificate authority and a TLS front for moto (environment.py's TLS cases).

:func:`make_tls_files` writes, into a directory:

* ``ca.pem``      the CA certificate (what a client must trust: AWS_CA_BUNDLE, ``ca_bundle``);
* ``server.pem``  a server certificate signed by it, SANs ``127.0.0.1``, ``localhost`` and the
                  proxy's fake host ``iam.proxy-only.test``, with ``server.key`` beside it;
* ``bad.pem``     a file that is not PEM at all (the "broken CA bundle" case).

Keys are EC P-256 (generated in milliseconds; rustls, OpenSSL and Node all accept them), the
certificates X.509 v3 with the extensions strict verifiers (webpki) insist on: CA basic
constraints and key usage on the CA, SAN + serverAuth on the leaf. Uses ``cryptography``, which
moto already depends on.

:class:`TlsFront` accepts TLS on 127.0.0.1 with that certificate and relays the decrypted bytes
to moto's plain port, so moto answers over HTTPS unchanged.
"""

from __future__ import annotations

import collections
import datetime
import ipaddress
import os
import socket
import ssl
import threading

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from proxy_server import FAKE_HOST, relay

HOST = "127.0.0.1"


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "polyiam tests"), x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def make_tls_files(directory: str) -> dict:
    """Write ca.pem, server.pem, server.key and bad.pem into ``directory``; return their paths."""
    os.makedirs(directory, exist_ok=True)
    now = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=5)
    later = now + datetime.timedelta(days=2)

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("polyiam test CA")
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(later)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=False, data_encipherment=False,
                key_agreement=False, key_cert_sign=True, crl_sign=True, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )

    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("localhost"))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(later)
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address(HOST)), x509.DNSName("localhost"), x509.DNSName(FAKE_HOST)]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )

    paths = {name: os.path.join(directory, name) for name in ("ca.pem", "server.pem", "server.key", "bad.pem")}
    with open(paths["ca.pem"], "wb") as fh:
        fh.write(ca_cert.public_bytes(serialization.Encoding.PEM))
    with open(paths["server.pem"], "wb") as fh:
        fh.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(paths["server.key"], "wb") as fh:
        fh.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    with open(paths["bad.pem"], "w", encoding="utf-8") as fh:
        # Text, so it is "a file", but no PEM block in it: what a mistyped bundle path often holds.
        fh.write("this is not a PEM certificate bundle\n")
    return paths


class TlsFront:
    """TLS on a free 127.0.0.1 port, relaying plaintext to ``127.0.0.1:upstream_port``.

    ``.log`` (bounded) holds one entry per connection: ``{"handshake": "ok"}`` or
    ``{"handshake": "failed", "reason": ...}``; a client that rejects the certificate shows up
    as a failed handshake here.
    """

    def __init__(self, cert_file: str, key_file: str, upstream_port: int):
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(cert_file, key_file)
        self.upstream_port = upstream_port
        self.sock = socket.create_server((HOST, 0))
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.url = f"https://{HOST}:{self.port}"
        self.log: collections.deque = collections.deque(maxlen=500)
        self.lock = threading.Lock()
        self._stop = threading.Event()

    def requests(self) -> list:
        with self.lock:
            return list(self.log)

    def reset(self) -> None:
        with self.lock:
            self.log.clear()

    def start(self) -> "TlsFront":
        threading.Thread(target=self._accept_loop, name="tls-front", daemon=True).start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self.sock.close()

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(10)  # bounded handshake
        try:
            tls = self.context.wrap_socket(conn, server_side=True)
        except (OSError, ssl.SSLError) as exc:
            with self.lock:
                self.log.append({"handshake": "failed", "reason": str(exc)})
            conn.close()
            return
        with self.lock:
            self.log.append({"handshake": "ok"})
        try:
            with tls, socket.create_connection((HOST, self.upstream_port), timeout=10) as upstream:
                # Timeouts stay set: a peer stalling mid-record cannot pin the thread for ever.
                tls.settimeout(30)
                upstream.settimeout(30)
                relay(tls, upstream)
        except OSError:
            pass
