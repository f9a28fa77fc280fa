"""get_paginator("list_access_keys"): against moto and the two-page pager server."""

import polyiam  # noqa: F401

from conftest import PAGINATION, assert_response_metadata, make_client, parse_iso8601


def _paginate(client, **params):
    return list(client.get_paginator(PAGINATION["paginator"]).paginate(**params))


# -- moto ---------------------------------------------------------------------


def test_paginator_against_moto_returns_both_keys(iam, user):
    created = {iam.create_access_key(UserName=user)["AccessKey"]["AccessKeyId"] for _ in range(2)}
    pages = _paginate(iam, UserName=user)
    assert len(pages) == 1  # moto never truncates and sends no Marker
    listed = [k["AccessKeyId"] for page in pages for k in page["AccessKeyMetadata"]]
    assert sorted(listed) == sorted(created)
    assert all(k["UserName"] == user for page in pages for k in page["AccessKeyMetadata"])
    assert pages[-1].get("IsTruncated", False) is False
    assert "Marker" not in pages[-1]


def test_paginator_against_moto_empty_user_yields_one_empty_page(iam, user):
    pages = _paginate(iam, UserName=user)
    assert len(pages) == 1
    assert pages[0]["AccessKeyMetadata"] == []


def test_paginator_pages_carry_response_metadata(iam, user):
    iam.create_access_key(UserName=user)
    [page] = _paginate(iam, UserName=user)
    assert_response_metadata(page["ResponseMetadata"], 200)


# -- pager server (Marker handling) -------------------------------------------


def test_pager_returns_all_keys_in_order_over_two_pages(pager):
    client = make_client(pager.url)
    pages = _paginate(client, UserName=PAGINATION["user_name"])
    assert len(pages) == len(PAGINATION["pages"]) == 2
    ids = [k["AccessKeyId"] for page in pages for k in page[PAGINATION["result_key"]]]
    assert ids == PAGINATION["expected_access_key_ids"]
    assert len(ids) == 3


def test_pager_page_sizes_match_scenario(pager):
    client = make_client(pager.url)
    pages = _paginate(client, UserName=PAGINATION["user_name"])
    assert [len(p["AccessKeyMetadata"]) for p in pages] == [len(p["members"]) for p in PAGINATION["pages"]]


def test_pager_members_match_scenario(pager):
    client = make_client(pager.url)
    pages = _paginate(client, UserName=PAGINATION["user_name"])
    got = [k for page in pages for k in page["AccessKeyMetadata"]]
    expected = [m for page in PAGINATION["pages"] for m in page["members"]]
    for have, want in zip(got, expected, strict=True):
        assert set(have) == set(want)
        for field in ("UserName", "AccessKeyId", "Status"):
            assert have[field] == want[field]
        assert have["CreateDate"] == parse_iso8601(want["CreateDate"])
        assert have["CreateDate"].utcoffset().total_seconds() == 0


def test_pager_first_page_is_truncated_with_marker(pager):
    client = make_client(pager.url)
    first, second = _paginate(client, UserName=PAGINATION["user_name"])
    assert first["IsTruncated"] is True
    assert first["Marker"] == PAGINATION["pages"][0]["next_marker"] == "page-2-token"
    assert second["IsTruncated"] is False
    assert "Marker" not in second


def test_pager_second_request_carries_marker(pager):
    client = make_client(pager.url)
    _paginate(client, UserName=PAGINATION["user_name"])
    requests = pager.requests()
    assert len(requests) == 2
    first, second = (r["params"] for r in requests)
    assert "Marker" not in first
    assert second["Marker"] == "page-2-token"
    for sent, expected in zip((first, second), PAGINATION["expected_requests"], strict=True):
        for name, value in expected.items():
            if value is not None:
                assert sent.get(name) == value, (name, sent)


def test_pager_requests_are_signed_for_iam(pager):
    client = make_client(pager.url)
    _paginate(client, UserName=PAGINATION["user_name"])
    for request in pager.requests():
        assert request["method"] == "POST"
        auth = request["headers"].get("authorization", "")
        assert auth.startswith("AWS4-HMAC-SHA256 ")
        assert "Credential=testing/" in auth
        assert "/us-east-1/iam/aws4_request" in auth


def test_pager_single_call_returns_first_page_only(pager):
    client = make_client(pager.url)
    result = client.list_access_keys(UserName=PAGINATION["user_name"])
    assert [k["AccessKeyId"] for k in result["AccessKeyMetadata"]] == PAGINATION["expected_access_key_ids"][:2]
    assert result["IsTruncated"] is True
    assert result["Marker"] == "page-2-token"
    assert len(pager.requests()) == 1


def test_pager_explicit_marker_returns_second_page(pager):
    client = make_client(pager.url)
    result = client.list_access_keys(UserName=PAGINATION["user_name"], Marker="page-2-token")
    assert [k["AccessKeyId"] for k in result["AccessKeyMetadata"]] == PAGINATION["expected_access_key_ids"][2:]
    assert result["IsTruncated"] is False
    assert "Marker" not in result
