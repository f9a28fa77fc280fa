"""The create-access-key scenario against moto, run from an installed wheel (scripts/test-wheel.sh).

usage: python scenario.py MOTO_URL EXPECTED_PREFIX   (the installed package must live under the prefix)
"""

import os
import sys
import uuid

import polyiam
from polyiam import _polyiam

url, prefix = sys.argv[1], os.path.realpath(sys.argv[2])
for mod in (polyiam, _polyiam):
    where = os.path.realpath(mod.__file__)
    assert where.startswith(prefix), f"{mod.__name__} loaded from {where}, not from the installed wheel under {prefix}"

iam = polyiam.client("iam", endpoint_url=url, region_name="us-east-1",
                     aws_access_key_id="testing", aws_secret_access_key="testing")
name = f"polyiam-wheel-{uuid.uuid4().hex[:12]}"
iam.create_user(UserName=name)
key = iam.create_access_key(UserName=name)["AccessKey"]
assert key["UserName"] == name and key["Status"] == "Active", key
assert key["AccessKeyId"].startswith("AKIA") and key["SecretAccessKey"], key
assert key["CreateDate"].tzinfo is not None
listed = [k["AccessKeyId"] for page in iam.get_paginator("list_access_keys").paginate(UserName=name)
          for k in page["AccessKeyMetadata"]]
assert listed == [key["AccessKeyId"]], listed
try:
    iam.create_access_key(UserName="polyiam-wheel-nobody")
    raise AssertionError("expected NoSuchEntityException")
except iam.exceptions.NoSuchEntityException as e:
    assert list(e.response["Error"]) == ["Type", "Code", "Message"]
iam.delete_access_key(UserName=name, AccessKeyId=key["AccessKeyId"])
iam.delete_user(UserName=name)
print(f"wheel: polyiam {polyiam.__version__} from {os.path.dirname(polyiam.__file__)}: created and deleted "
      f"{key['AccessKeyId']} for {name}")
