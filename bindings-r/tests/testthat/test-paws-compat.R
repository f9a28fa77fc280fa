# paws's condition shape (paws.common's aws_error()): classes "paws_error", "http_<status>",
# "http_<status class>", "http_error"; `status_code` and `error_response` both as fields and as
# attributes; error_response holds the <Error> element's children (Type, Code, Message), so handlers
# written for paws catch polyiam's errors unchanged.

test_that("a 404 carries paws's classes and attributes", {
  svc <- client_for(moto_url())
  unknown <- scenario("common")$users$unknown
  e <- tryCatch(svc$get_user(UserName = unknown), error = function(e) e)
  expect_identical(class(e), c("NoSuchEntityException", "polyiam_error", "paws_error", "http_404", "http_400", "http_error", "error", "condition"))
  expect_identical(attr(e, "status_code"), 404L)
  expect_identical(e$status_code, 404L)
  expect_identical(names(e$error_response), c("Type", "Code", "Message"))
  expect_identical(e$error_response$Type, "Sender")
  expect_identical(e$error_response$Code, "NoSuchEntity")
  expect_match(e$error_response$Message, unknown, fixed = TRUE)
  expect_identical(attr(e, "error_response"), e$error_response)
})

test_that("paws-style handlers catch polyiam's errors", {
  svc <- client_for(moto_url())
  unknown <- scenario("common")$users$unknown
  expect_identical(tryCatch(svc$get_user(UserName = unknown), paws_error = function(e) e$error_response$Code), "NoSuchEntity")
  expect_identical(tryCatch(svc$get_user(UserName = unknown), http_404 = function(e) attr(e, "status_code")), 404L)
  expect_identical(tryCatch(svc$get_user(UserName = unknown), http_400 = function(e) "client error"), "client error")
  expect_identical(tryCatch(svc$get_user(UserName = unknown), http_error = function(e) "http"), "http")
})

test_that("a 409 is http_409 and http_400", {
  svc <- client_for(moto_url())
  user <- unique_user("paws409")
  svc$create_user(UserName = user)
  on.exit(try(svc$delete_user(UserName = user), silent = TRUE), add = TRUE)
  e <- tryCatch(svc$create_user(UserName = user), error = function(e) e)
  expect_s3_class(e, "EntityAlreadyExistsException")
  expect_true(all(c("paws_error", "http_409", "http_400", "http_error") %in% class(e)))
  expect_false(inherits(e, "http_404"))
  expect_identical(attr(e, "error_response")$Code, "EntityAlreadyExists")
})

test_that("errors without an HTTP response are not paws_error (as in paws)", {
  svc <- client_for(moto_url())
  e <- tryCatch(svc$delete_access_key(UserName = "x"), error = function(e) e)
  expect_s3_class(e, "polyiam_validation_error")
  expect_false(inherits(e, "paws_error") || inherits(e, "http_error"))
  expect_null(attr(e, "status_code"))
  expect_identical(names(e$error_response), c("Code", "Message"))
})

# ---- the same body with paws and with polyiam ----------------------------------------------------
# paws (installed by scripts/setup-r.sh into target/R-peers from ../shared/peers) and polyiam run one
# function against one moto; what paws code sees must be the same.

# The peer's packages by name from variables: they are found in target/R-peers, not declared (paws is
# on CRAN only; the package must not depend on it).
paws_iam <- "paws.security.identity"
paws_common <- "paws.common"

paws_client_for <- function(url) {
  lib <- file.path(polyiam_repo(), "target", "R-peers")
  if (!dir.exists(file.path(lib, paws_iam))) {
    skip("paws is not installed (scripts/setup-r.sh installs it into target/R-peers from ../shared/peers)")
  }
  # R CMD check (suggests only) hides packages this one does not declare, paws's dependencies too;
  # the plain testthat run of scripts/test.sh runs this test with them.
  paws <- tryCatch(loadNamespace(paws_iam, lib.loc = lib), packageNotFoundError = function(e) {
    skip(paste("paws's dependencies are not on the library path here:", conditionMessage(e)))
  })
  paws$iam(config = list(
    credentials = list(creds = list(access_key_id = "testing", secret_access_key = "testing")),
    endpoint = url, region = "us-east-1"
  ))
}

# `pager` is the package whose paginate() the code calls: paws.common's, or polyiam's.
paws_code <- function(svc, user, pager) {
  svc$create_user(UserName = user, Tags = list(list(Key = "team", Value = "data")))
  on.exit(try(svc$delete_user(UserName = user), silent = TRUE), add = TRUE)
  key <- svc$create_access_key(UserName = user)$AccessKey
  second <- svc$create_access_key(UserName = user)$AccessKey
  got <- svc$get_user(UserName = user)$User
  missing <- tryCatch(svc$get_user(UserName = paste0(user, "-missing")), http_404 = function(e) {
    list(code = e$error_response$Code, status = attr(e, "status_code"), classes = intersect(class(e), c("paws_error", "http_404", "http_400", "http_error")))
  })
  duplicate <- tryCatch(svc$create_user(UserName = user), paws_error = function(e) e$error_response$Code)
  path <- paste0("/", user, "/")
  trust <- '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}'
  roles <- paste0(user, c("-a", "-b"))
  for (r in roles) svc$create_role(RoleName = r, Path = path, AssumeRolePolicyDocument = trust)
  on.exit(for (r in roles) try(svc$delete_role(RoleName = r), silent = TRUE), add = TRUE)
  pages <- pager$paginate(svc$list_roles(PathPrefix = path, MaxItems = 1))
  ids <- pager$paginate_sapply(svc$list_roles(PathPrefix = path, MaxItems = 1), function(p) p$Roles[[1]]$RoleName)
  listed <- svc$list_access_keys(UserName = user)
  for (k in list(key, second)) svc$delete_access_key(UserName = user, AccessKeyId = k$AccessKeyId)
  list(
    key_names = names(key), key_types = vapply(key, function(v) class(v)[1], ""), key_tz = attr(key$CreateDate, "tzone"),
    user_names = names(got), tags = got$Tags, boundary = got$PermissionsBoundary,
    missing = missing, duplicate = duplicate,
    pages = length(pages), page_names = names(pages[[1]]), ids = identical(sort(unname(ids)), roles),
    listed_names = names(listed), metadata_names = names(listed$AccessKeyMetadata[[1]])
  )
}

test_that("code written for paws gives the same answers with paws and with polyiam", {
  url <- moto_url()
  theirs <- paws_code(paws_client_for(url), unique_user("paws-side"), asNamespace(paws_common))
  ours <- paws_code(client_for(url), unique_user("paws-side"), asNamespace("polyiam"))
  # The two documented differences (README, "Compatibility"): timestamps in "UTC" where paws says
  # "GMT" (the same instant; polyiam's contract), and a structure the service left out is the
  # structure of typed empties where paws wraps it in an unnamed list.
  expect_identical(c(ours$key_tz, theirs$key_tz), c("UTC", "GMT"))
  expect_identical(list(ours$boundary), theirs$boundary)
  same <- setdiff(names(ours), c("key_tz", "boundary"))
  expect_identical(ours[same], theirs[same])
  expect_true(ours$ids)
  expect_identical(theirs$missing$code, "NoSuchEntity")
  expect_identical(theirs$duplicate, "EntityAlreadyExists")
  expect_identical(theirs$pages, 2L)
})
