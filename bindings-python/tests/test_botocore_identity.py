"""Code written for boto3 catches polyiam's errors: where the program has imported botocore,
polyiam's classes are subclasses of botocore's namesakes; where it has not, polyiam never imports it.

Each check runs in a fresh interpreter, so the binding happens (or not) as it would in a user's
program, whatever other tests have imported."""

import json
import subprocess
import sys
import textwrap


def run(code: str, **env) -> dict:
    """``code`` in a new interpreter; it prints one JSON line, returned."""
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_except_botocore_classes_catch_polyiam_errors(moto_url, closed_port_url):
    out = run(
        f"""
        import json, pickle
        import botocore.exceptions as b
        import polyiam

        iam = polyiam.client("iam", endpoint_url={moto_url!r}, region_name="us-east-1",
                             aws_access_key_id="testing", aws_secret_access_key="testing")
        caught = {{}}
        try:
            iam.get_user(UserName="polyiam-no-such-user-botocore")
        except b.ClientError as e:  # the modelled NoSuchEntityException, caught by botocore's base
            caught["service"] = [type(e).__name__, e.response["Error"]["Code"], isinstance(e, iam.exceptions.NoSuchEntityException)]
            caught["pickled"] = type(pickle.loads(pickle.dumps(e))).__name__
        try:
            iam.get_user(UserName="bad name!")
        except b.ParamValidationError as e:  # a constraint IAM checks: botocore's class for bad input...
            caught["validation"] = [type(e).__name__, "report" in e.kwargs]
        try:
            iam.get_user(UserName="bad name!")
        except b.ClientError as e:  # ...and IAM's own answer to it
            caught["constraint"] = [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
        try:
            iam.get_user(Username="bob")
        except b.ClientError:
            caught["unknown"] = "ClientError"
        except b.ParamValidationError as e:  # a check botocore makes itself: its class only
            caught["unknown"] = type(e).__name__
        dead = polyiam.client("iam", endpoint_url={closed_port_url!r}, region_name="us-east-1", max_attempts=1,
                              aws_access_key_id="testing", aws_secret_access_key="testing")
        try:
            dead.list_users()
        except b.EndpointConnectionError as e:
            caught["transport"] = [type(e).__name__, isinstance(e, ConnectionError)]
        try:
            polyiam.client("iam", profile_name="polyiam-no-such-profile")
        except b.ProfileNotFound as e:
            caught["profile"] = type(e).__name__
        print(json.dumps(caught))
        """
    )
    assert out == {
        "service": ["NoSuchEntityException", "NoSuchEntity", True],
        "pickled": "NoSuchEntityException",
        "validation": ["ValidationError", True],
        "constraint": ["ValidationError", 400],
        "unknown": "ParamValidationError",
        "transport": ["EndpointConnectionError", True],
        "profile": "ProfileNotFound",
    }


def test_every_pair_binds_with_a_consistent_mro():
    out = run(
        """
        import json
        import botocore.exceptions as b
        import polyiam
        from polyiam import _runtime, exceptions

        assert _runtime.bind_botocore()
        print(json.dumps({n: issubclass(getattr(exceptions, n), getattr(b, n)) for n in _runtime._BOTOCORE_BASES}))
        """
    )
    assert out and all(out.values()), out


def test_without_botocore_nothing_imports_it(moto_url):
    out = run(
        f"""
        import json, sys
        import polyiam

        iam = polyiam.client("iam", endpoint_url={moto_url!r}, region_name="us-east-1",
                             aws_access_key_id="testing", aws_secret_access_key="testing")
        try:
            iam.get_user(UserName="polyiam-no-such-user-botocore")
        except polyiam.exceptions.ClientError as e:
            bases = [c.__module__ for c in type(e).__mro__]
        print(json.dumps({{"imported": sorted(m for m in sys.modules if m.split(".")[0] == "botocore"), "bases": sorted(set(bases))}}))
        """
    )
    assert out["imported"] == []
    assert not any(m.startswith("botocore") for m in out["bases"]), out


def test_where_botocore_is_not_installed_polyiam_works_alone(moto_url):
    # A finder that makes botocore unimportable (as in a venv without it) and counts the attempts.
    out = run(
        f"""
        import json, sys

        class NoBotocore:
            attempts = 0
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("botocore", "boto3"):
                    NoBotocore.attempts += 1
                    raise ModuleNotFoundError(f"No module named {{name!r}}")
                return None

        sys.meta_path.insert(0, NoBotocore())
        import polyiam

        iam = polyiam.client("iam", endpoint_url={moto_url!r}, region_name="us-east-1",
                             aws_access_key_id="testing", aws_secret_access_key="testing")
        caught = []
        for call in (lambda: iam.get_user(UserName="polyiam-no-such-user-alone"),
                     lambda: iam.create_user(UserName="bad name!"),
                     lambda: iam.create_user()):
            try:
                call()
            except polyiam.exceptions.PolyiamError as e:
                caught.append(type(e).__name__)
        print(json.dumps({{"attempts": NoBotocore.attempts, "caught": caught}}))
        """
    )
    assert out == {"attempts": 0, "caught": ["NoSuchEntityException", "ValidationError", "ParamValidationError"]}
