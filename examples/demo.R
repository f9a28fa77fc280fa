# Create an IAM user and an access key with polyiam for R, shaped like paws.
# Run by scripts/demo.sh against a local moto (endpoint, region and credentials from AWS_*).
svc <- polyiam::iam()
invisible(svc$create_user(UserName = "Carol"))
key <- svc$create_access_key(UserName = "Carol")$AccessKey
cat("R:", key$UserName, key$AccessKeyId, key$Status, format(key$CreateDate, "%Y-%m-%dT%H:%M:%SZ", tz = "UTC"), "\n")

tryCatch(
  svc$create_access_key(UserName = "Nobody"),
  NoSuchEntityException = function(e) cat("R:", class(e)[1], "-", conditionMessage(e), "\n")
)
