"""Create an IAM user and an access key for it with polyiam, boto3-style.

Run by scripts/demo.sh against a local moto; point AWS_ENDPOINT_URL elsewhere to use another IAM.
"""

import polyiam

iam = polyiam.client("iam")  # region, endpoint and credentials from the AWS_* environment
iam.create_user(UserName="Bob")
key = iam.create_access_key(UserName="Bob")["AccessKey"]
print("Python:", key["UserName"], key["AccessKeyId"], key["Status"], key["CreateDate"].isoformat())

try:
    iam.create_access_key(UserName="Nobody")
except iam.exceptions.NoSuchEntityException as e:
    print("Python:", type(e).__name__, "-", e.response["Error"]["Message"])
