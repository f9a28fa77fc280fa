"""polyiam's own operations and client features beyond the AWS API (tests/scenarios/extensions.json):
IssueAccessKey (status, PGP-sealed secret, SES SMTP password), RotateAccessKey, SesSmtpPasswordV4,
in_regions and raw_response, against moto (and the fault server in front of it)."""

import json
import sys
import tempfile

import pytest

import polyiam
from conftest import HARNESS_DIR, load_scenario, make_client, unique_name

if str(HARNESS_DIR) not in sys.path:
    sys.path.insert(0, str(HARNESS_DIR))

import fault_server  # noqa: E402
import gpg_keys  # noqa: E402
import moto_server  # noqa: E402

EXT = load_scenario("extensions")


@pytest.fixture(scope="module")
def gpg():
    """Test keys made here with GnuPG: (home, {kind: {fingerprint, binary_b64, armored}})."""
    with tempfile.TemporaryDirectory(prefix="polyiam-gpg-") as home:
        yield home, gpg_keys.make_keys(home)


@pytest.fixture(scope="module")
def proxy(moto_url):
    """The fault server relaying to moto, whose request log counts the calls that reach it."""
    with fault_server.start_fault_server(upstream=moto_url) as server:
        yield server


def creates(proxy):
    return [r for r in fault_server.requests(proxy.url) if r["params"].get("Action") == "CreateAccessKey"]


def keys_of(iam, user):
    return {k["AccessKeyId"]: k["Status"] for k in iam.list_access_keys(UserName=user)["AccessKeyMetadata"]}


# ---- SesSmtpPasswordV4 ------------------------------------------------------------------------


@pytest.mark.parametrize("case", EXT["smtp_vectors"]["cases"], ids=lambda c: f"{c['Region']}-{c['SecretAccessKey']}")
def test_smtp_password_reproduces_terraforms_vectors(iam, case):
    out = iam.ses_smtp_password_v4(SecretAccessKey=case["SecretAccessKey"], Region=case["Region"])
    assert out["SmtpPassword"] == case["SmtpPassword"]


def test_smtp_password_region_is_validated(iam):
    bad = EXT["smtp_vectors"]["bad_region"]
    with pytest.raises(polyiam.exceptions.ParamValidationError) as info:
        iam.ses_smtp_password_v4(SecretAccessKey="x", Region=bad["Region"])
    assert [(i["path"], i["rule"]) for i in info.value.issues] == [(bad["path"], bad["rule"])]


# ---- IssueAccessKey ---------------------------------------------------------------------------


def test_issue_plain_inactive_with_smtp_password(iam):
    user = unique_name("issue")
    iam.create_user(UserName=user)
    region = EXT["issue"]["smtp_region"]
    key = iam.issue_access_key(UserName=user, Status="Inactive", SesSmtpRegion=region)["AccessKey"]
    assert set(key) == set(EXT["issue"]["plain_members"]) | {"SesSmtpPasswordV4"}
    assert key["Status"] == "Inactive"
    assert keys_of(iam, user) == {key["AccessKeyId"]: "Inactive"}, "created, then deactivated"
    expected = iam.ses_smtp_password_v4(SecretAccessKey=key["SecretAccessKey"], Region=region)["SmtpPassword"]
    assert key["SesSmtpPasswordV4"] == expected


@pytest.mark.parametrize("bad", EXT["issue"]["bad_pgp_keys"], ids=lambda b: b["PgpKey"][:12])
def test_a_bad_pgp_key_is_refused_before_any_key_exists(iam, bad):
    user = unique_name("badpgp")
    iam.create_user(UserName=user)
    with pytest.raises(polyiam.exceptions.ParamValidationError) as info:
        iam.issue_access_key(UserName=user, PgpKey=bad["PgpKey"])
    assert bad["message"] in str(info.value)
    assert info.value.issues[0]["path"] == "PgpKey"
    assert keys_of(iam, user) == {}


@pytest.fixture(scope="module")
def auth_moto():
    """A moto that checks signatures once its first few actions are done (INITIAL_NO_AUTH_ACTION_COUNT)."""
    count = str(EXT["issue"]["no_auth_actions"])
    with moto_server.start_moto_server(env={"INITIAL_NO_AUTH_ACTION_COUNT": count}) as server:
        yield server


def test_sealed_secrets_decrypt_to_working_keys(auth_moto, gpg):
    """The sealed secret is the key's: calls signed with it pass moto's signature check (a wrong
    secret does not), for an RSA key (binary, as Terraform takes it) and an ECC key (armored)."""
    home, keys = gpg
    admin = make_client(auth_moto.url)
    user = unique_name("sealed")
    admin.create_user(UserName=user)  # unchecked action 1
    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
    admin.put_user_policy(UserName=user, PolicyName="all", PolicyDocument=json.dumps(policy))  # 2
    region = EXT["issue"]["smtp_region"]
    # 3: CreateAccessKey; from here on moto checks every signature.
    first = admin.issue_access_key(UserName=user, PgpKey=keys["rsa"]["binary_b64"], SesSmtpRegion=region)["AccessKey"]
    assert set(first) == set(EXT["issue"]["sealed_members"]) | {"EncryptedSesSmtpPasswordV4"}
    assert first["KeyFingerprint"] == keys["rsa"]["fingerprint"]
    secret = gpg_keys.decrypt(home, first["EncryptedSecret"])
    assert secret not in repr(first)
    smtp = gpg_keys.decrypt(home, first["EncryptedSesSmtpPasswordV4"])
    assert smtp == admin.ses_smtp_password_v4(SecretAccessKey=secret, Region=region)["SmtpPassword"]

    signed = make_client(auth_moto.url, aws_access_key_id=first["AccessKeyId"], aws_secret_access_key=secret)
    assert signed.get_user(UserName=user)["User"]["UserName"] == user
    forged = make_client(auth_moto.url, aws_access_key_id=first["AccessKeyId"], aws_secret_access_key=secret[::-1])
    with pytest.raises(polyiam.exceptions.PolyiamError) as refused:  # moto answers 403 with an HTML page
        forged.get_user(UserName=user)
    assert "403" in str(refused.value)

    second = signed.issue_access_key(UserName=user, PgpKey=keys["ecc"]["armored"])["AccessKey"]
    assert second["KeyFingerprint"] == keys["ecc"]["fingerprint"]
    secret2 = gpg_keys.decrypt(home, second["EncryptedSecret"])
    again = make_client(auth_moto.url, aws_access_key_id=second["AccessKeyId"], aws_secret_access_key=secret2)
    assert again.get_user(UserName=user)["User"]["UserName"] == user


# ---- RotateAccessKey --------------------------------------------------------------------------


def test_rotate_creates_first_then_deletes(iam):
    user = unique_name("rot")
    iam.create_user(UserName=user)
    old = iam.create_access_key(UserName=user)["AccessKey"]["AccessKeyId"]
    out = iam.rotate_access_key(AccessKeyId=old, UserName=user)
    new = out["AccessKey"]["AccessKeyId"]
    assert out["Replaced"] == {"AccessKeyId": old, "Status": "Deleted"}
    assert out["AccessKey"]["SecretAccessKey"]
    assert keys_of(iam, user) == {new: "Active"}


def test_rotate_can_deactivate_instead(iam):
    user = unique_name("rotd")
    iam.create_user(UserName=user)
    old = iam.create_access_key(UserName=user)["AccessKey"]["AccessKeyId"]
    out = iam.rotate_access_key(AccessKeyId=old, UserName=user, OldKey="Deactivate")
    assert out["Replaced"] == {"AccessKeyId": old, "Status": "Inactive"}
    assert keys_of(iam, user) == {old: "Inactive", out["AccessKey"]["AccessKeyId"]: "Active"}


def test_rotate_with_two_keys_is_refused_and_changes_nothing(iam):
    user = unique_name("rot2")
    iam.create_user(UserName=user)
    a = iam.create_access_key(UserName=user)["AccessKey"]["AccessKeyId"]
    b = iam.create_access_key(UserName=user)["AccessKey"]["AccessKeyId"]
    before = keys_of(iam, user)
    with pytest.raises(getattr(iam.exceptions, EXT["rotate"]["two_keys_class"])) as info:
        iam.rotate_access_key(AccessKeyId=a, UserName=user)
    assert info.value.response["Error"]["Code"] == EXT["rotate"]["two_keys_code"]
    assert a in str(info.value) and b in str(info.value)
    assert keys_of(iam, user) == before


def test_rotate_reconciles_a_lost_create(iam, proxy):
    """CreateAccessKey applied by moto, its answer lost: the rotation lists the keys and reports
    the one new key (whose secret is lost) and the old key, untouched; it creates no second key."""
    user = unique_name("rotlost")
    iam.create_user(UserName=user)
    old = iam.create_access_key(UserName=user)["AccessKey"]["AccessKeyId"]
    fault_server.reset(proxy.url)
    lossy = make_client(f"{proxy.url}/{EXT['rotate']['dropped_fault']}", read_timeout=5.0)
    with pytest.raises(polyiam.exceptions.PolyiamError) as info:
        lossy.rotate_access_key(AccessKeyId=old, UserName=user)
    keys = keys_of(iam, user)
    assert len(keys) == 2 and keys[old] == "Active", "the old key is intact; exactly one new key"
    (new,) = set(keys) - {old}
    message = str(info.value)
    assert EXT["rotate"]["reconciled_words"] in message and new in message and old in message
    assert not info.value.outcome_unknown, "reconciled: the outcome is known"
    assert len(creates(proxy)) == 1


# ---- in_regions -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["one_partition", "star", "two_partitions"])
def test_in_regions_calls_once_per_endpoint(proxy, name):
    """One call per endpoint (IAM: per partition); moto keeps each partition's users apart, as AWS does."""
    case = EXT["regions"][name]
    user = unique_name("reg")
    regional = make_client(f"{proxy.url}/proxy").in_regions(case["regions"])
    regional.create_user(UserName=user)
    fault_server.reset(proxy.url)
    out = regional.create_access_key(UserName=user)
    assert len(creates(proxy)) == case["calls"]
    ids = {r: v["AccessKey"]["AccessKeyId"] for r, v in out.items()}
    assert len(set(ids.values())) == case["calls"]
    listed = regional.list_access_keys(UserName=user)
    assert {k["AccessKeyId"] for v in listed.values() for k in v["AccessKeyMetadata"]} == set(ids.values())
    if isinstance(case["regions"], list):
        assert list(out) == case["regions"]
    for r in case.get("includes", []):
        assert r in out
    for r in case.get("excludes", []):
        assert r not in out
    assert all("ResponseMetadata" in v for v in out.values())
    assert regional.regions == list(out)


def test_in_regions_takes_a_comma_separated_string(iam):
    assert iam.in_regions("us-east-1, eu-west-2").regions == ["us-east-1", "eu-west-2"]


def test_in_regions_refuses_unknown_regions(iam):
    case = EXT["regions"]["unknown"]
    with pytest.raises(polyiam.exceptions.ParamValidationError) as info:
        iam.in_regions(case["regions"])
    assert info.value.issues[0]["path"] == case["path"]


# ---- raw_response -----------------------------------------------------------------------------


def test_raw_response_returns_the_body_untouched(moto_url, iam):
    case = EXT["raw_response"]
    user = unique_name("raw")
    iam.create_user(UserName=user)
    raw = make_client(moto_url, raw_response=True)
    out = raw.get_user(UserName=user)
    assert set(out) == {"Body", "ResponseMetadata"}
    assert out["Body"].startswith(case["body_starts_with"]) and f"<UserName>{user}</UserName>" in out["Body"]
    assert out["ResponseMetadata"]["HTTPStatusCode"] == 200
    with pytest.raises(raw.exceptions.NoSuchEntityException):
        raw.get_user(UserName=unique_name("absent"))
    # polyiam's own operations stay parsed.
    assert raw.issue_access_key(UserName=user)["AccessKey"]["UserName"] == user
