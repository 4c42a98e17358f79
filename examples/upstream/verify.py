"""Checks the Keysmith-Signature of a request the Keysmith gateway forwarded (standard library only).

The scheme is described in docs/gateway.md of the Keysmith repository. `python3 verify.py --self-test`
checks this file against a vector signed by Keysmith's own signer.
"""
import hashlib
import hmac
import re
import sys
import time

_V1 = re.compile(r"[0-9a-f]{64}")
_T = re.compile(r"[0-9]{1,12}")


def verify_keysmith_signature(secrets, header, method, path, key_id, workspace_id, scopes, request_id,
                              tolerance_seconds=300, now=None):
    """Returns (True, None) or (False, "missing" | "malformed" | "expired" | "mismatch").

    `path` is the request target as received, query included; the other fields are the header values
    (Keysmith-Key-Id, Keysmith-Workspace-Id, Keysmith-Scopes, Request-Id), "" when absent.
    """
    if not header:
        return False, "missing"
    if len(header) > 1024:
        return False, "malformed"
    timestamps, signatures = [], []
    for part in header.split(","):
        pieces = part.strip().split("=")
        if len(pieces) != 2 or not pieces[0]:
            return False, "malformed"
        name, value = pieces
        if name == "t":
            timestamps.append(value)
        elif name == "v1":
            if not _V1.fullmatch(value):
                return False, "malformed"
            signatures.append(value)
    if len(timestamps) != 1 or not _T.fullmatch(timestamps[0]) or not 0 < len(signatures) <= 8:
        return False, "malformed"
    fields = [method, path, key_id, workspace_id, scopes, request_id]
    if any("\r" in field or "\n" in field for field in fields):
        return False, "mismatch"
    text = "\n".join(["keysmith-v1", timestamps[0], *fields]).encode()
    matched = False
    for secret in secrets:
        expected = hmac.new(secret.encode(), text, hashlib.sha256).hexdigest()
        for signature in signatures:
            matched = hmac.compare_digest(signature, expected) or matched
    if not matched:
        return False, "mismatch"
    if abs((time.time() if now is None else now) - int(timestamps[0])) > tolerance_seconds:
        return False, "expired"
    return True, None


# Signed by lib/gateway/signature.ts; lib/gateway/example-verifiers.test.ts checks it still is.
VECTOR = {
    "secret": "keysmith-example-upstream-secret",
    "header": "t=1800000000,v1=ee37ddda5b501128c372911339b999efe28629e48a42f47138ec1c2e87bc0599",
    "method": "POST",
    "path": "/v2/profiles?notify=1",
    "key_id": "key_example",
    "workspace_id": "ws_example",
    "scopes": "profiles:write lists:read",
    "request_id": "mhz3k2a1b0123456789abcdef",
    "now": 1800000000,
}


def _self_test():
    v = dict(VECTOR)
    secret, header, now = v.pop("secret"), v.pop("header"), v.pop("now")
    cases = [
        ("accepted", verify_keysmith_signature([secret], header, now=now, **v), (True, None)),
        ("previous secret", verify_keysmith_signature(["newer", secret], header, now=now, **v), (True, None)),
        ("altered path", verify_keysmith_signature([secret], header, now=now, **{**v, "path": "/v2/profiles"}),
         (False, "mismatch")),
        ("altered scopes", verify_keysmith_signature([secret], header, now=now, **{**v, "scopes": "profiles:write"}),
         (False, "mismatch")),
        ("other secret", verify_keysmith_signature(["other"], header, now=now, **v), (False, "mismatch")),
        ("stale", verify_keysmith_signature([secret], header, now=now + 301, **v), (False, "expired")),
        ("missing", verify_keysmith_signature([secret], "", now=now, **v), (False, "missing")),
        ("malformed", verify_keysmith_signature([secret], "t=soon,v1=00", now=now, **v), (False, "malformed")),
    ]
    failed = [name for name, got, want in cases if got != want]
    for name in failed:
        print(f"self-test failed: {name}", file=sys.stderr)
    print("self-test: " + ("FAILED" if failed else f"{len(cases)} cases passed"))
    return 1 if failed else 0


if __name__ == "__main__":
    if sys.argv[1:] != ["--self-test"]:
        print("usage: python3 verify.py --self-test", file=sys.stderr)
        sys.exit(2)
    sys.exit(_self_test())
