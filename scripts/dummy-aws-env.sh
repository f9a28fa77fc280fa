# Sourced by the test and demo scripts: dummy credentials only, no instance-metadata lookups (only
# loopback is ours to reach), and nothing from the caller's own AWS set-up.
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_ENDPOINT_URL_IAM
