# Every model operation against moto, checked against tests/scenarios/shapes.json: the nested named
# list paws returns, every member present in model order, absent members as typed empties.

shapes <- function() scenario("shapes")$operations

test_that("create_user returns the User structure with every type, in model order", {
  svc <- client_for(moto_url())
  extras <- scenario("common")$users$create_user_extras
  user <- unique_user("create")
  out <- svc$create_user(UserName = user, Path = extras$Path, Tags = extras$Tags)
  expected <- shapes()$CreateUser
  expect_named(out, "User")
  expect_named(out$User, c("Path", "UserName", "UserId", "Arn", "CreateDate", "PasswordLastUsed", "PermissionsBoundary", "Tags"))
  expect_shape(out, expected$output)
  expect_identical(out$User$UserName, user)
  expect_identical(out$User$Path, extras$Path)
  expect_identical(out$User$Tags, list(list(Key = "team", Value = "sdk"), list(Key = "purpose", Value = "integration-test")))
  for (a in expected$absent) expect_absent(get_path(out, a), a)
  # The typed empties paws fills in.
  expect_identical(out$User$PermissionsBoundary, list(PermissionsBoundaryType = character(0), PermissionsBoundaryArn = character(0)))
  expect_s3_class(out$User$PasswordLastUsed, "POSIXct")
  expect_length(out$User$PasswordLastUsed, 0L)
  expect_lt(abs(as.numeric(difftime(out$User$CreateDate, Sys.time(), units = "mins"))), 10)
})

test_that("get_user of a fresh user: absent Tags is list(), absent timestamp a zero-length POSIXct", {
  svc <- client_for(moto_url())
  user <- unique_user("get")
  svc$create_user(UserName = user)
  out <- svc$get_user(UserName = user)
  expected <- shapes()$GetUser
  expect_shape(out, expected$output)
  for (a in expected$absent) expect_absent(get_path(out, a), a)
  expect_identical(out$User$Tags, list())
  expect_identical(out$User$Path, "/")
})

test_that("create_access_key, list_access_keys, get_access_key_last_used, update and delete", {
  svc <- client_for(moto_url())
  user <- unique_user("keys")
  svc$create_user(UserName = user)
  key <- svc$create_access_key(UserName = user)
  expect_shape(key, shapes()$CreateAccessKey$output)
  expect_identical(key$AccessKey$Status, "Active")
  expect_identical(key$AccessKey$UserName, user)
  expect_true(startsWith(key$AccessKey$AccessKeyId, scenario("common")$access_keys$id_prefix))

  listed <- svc$list_access_keys(UserName = user)
  expect_named(listed, c("AccessKeyMetadata", "IsTruncated", "Marker"))
  expect_shape(listed, shapes()$ListAccessKeys$output)
  expect_identical(listed$Marker, character(0))
  expect_identical(listed$AccessKeyMetadata[[1]]$AccessKeyId, key$AccessKey$AccessKeyId)

  last <- svc$get_access_key_last_used(AccessKeyId = key$AccessKey$AccessKeyId)
  expect_shape(last, shapes()$GetAccessKeyLastUsed$output)
  expect_identical(last$AccessKeyLastUsed$ServiceName, "N/A")
  expect_s3_class(last$AccessKeyLastUsed$LastUsedDate, "POSIXct")

  expect_identical(svc$update_access_key(UserName = user, AccessKeyId = key$AccessKey$AccessKeyId, Status = "Inactive"), list())
  expect_identical(svc$list_access_keys(UserName = user)$AccessKeyMetadata[[1]]$Status, "Inactive")
  expect_identical(svc$delete_access_key(UserName = user, AccessKeyId = key$AccessKey$AccessKeyId), list())
  expect_identical(svc$list_access_keys(UserName = user)$AccessKeyMetadata, list())
  expect_identical(svc$delete_user(UserName = user), list())
})

test_that("UserName omitted acts on the user that owns the signing key", {
  svc <- client_for(moto_url())
  user <- unique_user("self")
  svc$create_user(UserName = user)
  key <- svc$create_access_key(UserName = user)$AccessKey
  as_user <- polyiam::iam(
    config = list(credentials = list(creds = list(access_key_id = key$AccessKeyId, secret_access_key = key$SecretAccessKey))),
    endpoint = moto_url(), region = "us-east-1"
  )
  expect_identical(as_user$get_user()$User$UserName, user)
  second <- as_user$create_access_key()
  expect_identical(second$AccessKey$UserName, user)
  ids <- vapply(as_user$list_access_keys()$AccessKeyMetadata, function(k) k$AccessKeyId, "")
  expect_setequal(ids, c(key$AccessKeyId, second$AccessKey$AccessKeyId))
})

# botocore's xform_name, which the generator follows: ListMFADevices -> list_mfa_devices.
xform_name <- function(op) {
  tolower(gsub("([a-z0-9])([A-Z])", "\\1_\\2", gsub("(.)([A-Z][a-z]+)", "\\1_\\2", op)))
}

official_operations <- function() {
  path <- file.path(polyiam_repo(), "..", "shared", "reference", "iam-2010-05-08.smithy.json")
  if (!file.exists(path) && identical(Sys.getenv("POLYIAM_SKIP_REFERENCE"), "1")) skip("POLYIAM_SKIP_REFERENCE=1")
  shapes <- jsonlite::fromJSON(path, simplifyVector = FALSE)$shapes
  ids <- names(shapes)[vapply(shapes, function(s) identical(s$type, "operation"), logical(1))]
  sort(sub(".*#", "", ids))
}

test_that("every operation of the official IAM model is a documented function on svc that validates its input", {
  skip_without_harness()
  svc <- client_for("http://127.0.0.1:9")
  ops <- official_operations()
  expect_setequal(names(svc), c(vapply(ops, xform_name, ""), vapply(unlist(scenario("extensions")$operations), xform_name, ""), "in_regions", "wait_until"))
  man <- system.file("help", "AnIndex", package = "polyiam")
  for (op in ops) {
    method <- xform_name(op)
    expect_true(is.function(svc[[method]]), label = op)
    # Refused before anything is sent (nothing listens on port 9).
    e <- tryCatch(svc[[method]](NoSuchMember = 1), polyiam_error = function(e) e)
    expect_s3_class(e, "polyiam_validation_error")
    expect_true(any(vapply(e$issues, function(i) identical(i$path, "NoSuchMember"), logical(1))), label = op)
    rd <- tools::Rd_db("polyiam")[[paste0("iam_", method, ".Rd")]]
    expect_false(is.null(rd), label = paste(op, "has a help page"))
    expect_match(paste(as.character(rd), collapse = ""), paste0("API_", op, ".html"), fixed = TRUE, label = op)
  }
  expect_identical(names(formals(svc$create_user)), c("Path", "UserName", "PermissionsBoundary", "Tags", "..."))
  expect_identical(names(formals(svc$update_access_key)), c("UserName", "AccessKeyId", "Status", "..."))
})

test_that("the client is usable with paws's shorthand arguments and credentials from the environment", {
  svc <- polyiam::iam(endpoint = moto_url(), region = "us-east-1")
  user <- unique_user("env")
  expect_identical(svc$create_user(UserName = user)$User$UserName, user)
})

test_that("every generated help page is valid Rd (as R CMD check reads it)", {
  skip_without_harness()
  pages <- list.files(file.path(polyiam_repo(), "bindings-r", "man"), pattern = "\\.Rd$", full.names = TRUE)
  expect_gt(length(pages), 180)
  for (page in pages) {
    problems <- withCallingHandlers(
      as.character(tools::checkRd(page)),
      warning = function(w) stop(sprintf("%s: %s", basename(page), conditionMessage(w)))
    )
    expect_length(problems, 0)
  }
})
