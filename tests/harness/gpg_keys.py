#!/usr/bin/env python3
"""OpenPGP test keys made by the test itself, with GnuPG (``gpg``), for the PGP scenarios of every
suite (tests/scenarios/extensions.json).

As a script::

    python tests/harness/gpg_keys.py make DIR          # prints the keys as JSON (see make_keys)
    python tests/harness/gpg_keys.py decrypt DIR B64   # prints the plaintext of a base64 message

``DIR`` is a fresh GnuPG home the keys live in (the caller removes it).
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys

#: name -> gpg --quick-gen-key algorithm, then the encryption subkey's (None: the primary's own).
KINDS = {
    "rsa": ("rsa2048", "rsa2048"),
    "ecc": ("ed25519", "cv25519"),
}


def _gpg(home: str, *args: str, data: bytes | None = None) -> bytes:
    cmd = ["gpg", "--homedir", home, "--batch", "--yes", "--pinentry-mode", "loopback", "--passphrase", "", *args]
    done = subprocess.run(cmd, input=data, capture_output=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:6])} ... failed: {done.stderr.decode(errors='replace')}")
    return done.stdout


def make_keys(home: str) -> dict:
    """One key per kind: ``{kind: {"fingerprint", "binary_b64", "armored"}}``; fingerprints in
    lowercase hex, as Terraform's ``key_fingerprint``."""
    os.makedirs(home, mode=0o700, exist_ok=True)
    keys = {}
    for kind, (primary, sub) in KINDS.items():
        uid = f"polyiam test {kind} <{kind}@polyiam.test>"
        _gpg(home, "--quick-gen-key", uid, primary, "sign,cert", "never")
        listing = _gpg(home, "--with-colons", "--list-keys", uid).decode()
        fpr = next(line.split(":")[9] for line in listing.splitlines() if line.startswith("fpr:"))
        _gpg(home, "--quick-add-key", fpr, sub, "encr", "never")
        keys[kind] = {
            "fingerprint": fpr.lower(),
            "binary_b64": base64.b64encode(_gpg(home, "--export", fpr)).decode(),
            "armored": _gpg(home, "--armor", "--export", fpr).decode(),
        }
    stop(home)
    return keys


def decrypt(home: str, message_b64: str) -> str:
    try:
        return _gpg(home, "--decrypt", data=base64.b64decode(message_b64)).decode()
    finally:
        stop(home)


def stop(home: str) -> None:
    """Stops the gpg-agent a command started for ``home``, so no daemon outlives the test."""
    subprocess.run(["gpgconf", "--homedir", home, "--kill", "all"], capture_output=True, check=False)


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "make":
        print(json.dumps(make_keys(argv[1])))
        return 0
    if len(argv) == 3 and argv[0] == "decrypt":
        sys.stdout.write(decrypt(argv[1], argv[2]))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
