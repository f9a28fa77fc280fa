"""UserName omitted: moto resolves the user from the signing access key."""

import polyiam  # noqa: F401

from conftest import make_client


def _client_for_new_key(iam, moto_url, user):
    key = iam.create_access_key(UserName=user)["AccessKey"]
    return key, make_client(
        moto_url,
        aws_access_key_id=key["AccessKeyId"],
        aws_secret_access_key=key["SecretAccessKey"],
    )


def test_create_access_key_without_user_name_uses_signing_user(iam, moto_url, user):
    signing_key, as_user = _client_for_new_key(iam, moto_url, user)
    created = as_user.create_access_key()["AccessKey"]
    assert created["UserName"] == user
    assert created["AccessKeyId"] != signing_key["AccessKeyId"]
    listed = {k["AccessKeyId"] for k in iam.list_access_keys(UserName=user)["AccessKeyMetadata"]}
    assert listed == {signing_key["AccessKeyId"], created["AccessKeyId"]}


def test_get_user_without_user_name_uses_signing_user(iam, moto_url, user):
    _, as_user = _client_for_new_key(iam, moto_url, user)
    assert as_user.get_user()["User"]["UserName"] == user


def test_explicit_credentials_override_environment(iam, moto_url, make_user):
    # Two users, two clients: each key must sign as its own user, not as the
    # environment's AWS_ACCESS_KEY_ID.
    first, second = make_user(), make_user()
    _, as_first = _client_for_new_key(iam, moto_url, first)
    _, as_second = _client_for_new_key(iam, moto_url, second)
    assert as_first.get_user()["User"]["UserName"] == first
    assert as_second.get_user()["User"]["UserName"] == second
