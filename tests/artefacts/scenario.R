# The create-access-key scenario against moto from the R package installed from its tarball
# (scripts/test-r-offline.sh). usage: Rscript scenario.R MOTO_URL LIBRARY
args <- commandArgs(trailingOnly = TRUE)
url <- args[[1]]
lib <- args[[2]]
library(polyiam, lib.loc = lib)
stopifnot(startsWith(normalizePath(find.package("polyiam")), normalizePath(lib)))
svc <- iam(config = list(
  credentials = list(creds = list(access_key_id = "testing", secret_access_key = "testing")),
  endpoint = url, region = "us-east-1"
))
user <- sprintf("polyiam-r-offline-%d", Sys.getpid())
invisible(svc$create_user(UserName = user))
key <- svc$create_access_key(UserName = user)$AccessKey
stopifnot(identical(key$UserName, user), identical(key$Status, "Active"), startsWith(key$AccessKeyId, "AKIA"))
stopifnot(inherits(key$CreateDate, "POSIXct"))
e <- tryCatch(svc$get_user(UserName = "polyiam-r-offline-nobody"), http_404 = function(e) e)
stopifnot(inherits(e, "NoSuchEntityException"), inherits(e, "paws_error"))
invisible(svc$delete_access_key(UserName = user, AccessKeyId = key$AccessKeyId))
invisible(svc$delete_user(UserName = user))
cat(sprintf("R (tarball, offline build): created and deleted %s for %s\n", key$AccessKeyId, user))
