# polyiam's own operations and client features beyond the AWS API (tests/scenarios/extensions.json):
# issue_access_key (status, PGP-sealed secret, SES SMTP password), rotate_access_key,
# ses_smtp_password_v4, in_regions and raw_response, against moto and the fault server before it.

ext <- function() scenario("extensions")

# Test keys made here with GnuPG (tests/harness/gpg_keys.py), in a home removed after the file.
gpg <- local({
  made <- NULL
  function() {
    if (is.null(made)) {
      home <- tempfile("polyiam-gpg-")
      withr::defer(unlink(home, recursive = TRUE), envir = testthat::teardown_env())
      out <- system2(polyiam_python(polyiam_repo()), c(file.path(polyiam_repo(), "tests", "harness", "gpg_keys.py"), "make", home), stdout = TRUE)
      made <<- list(home = home, keys = jsonlite::fromJSON(paste(out, collapse = "\n"), simplifyVector = FALSE))
    }
    made
  }
})

decrypt <- function(b64) {
  out <- system2(polyiam_python(polyiam_repo()), c(file.path(polyiam_repo(), "tests", "harness", "gpg_keys.py"), "decrypt", gpg()$home, b64), stdout = TRUE)
  paste(out, collapse = "\n")
}

keys_of <- function(svc, user) {
  keys <- svc$list_access_keys(UserName = user)$AccessKeyMetadata
  stats::setNames(vapply(keys, function(k) k$Status, ""), vapply(keys, function(k) k$AccessKeyId, ""))
}

new_user <- function(svc, tag) {
  user <- unique_user(tag)
  svc$create_user(UserName = user)
  user
}

test_that("ses_smtp_password_v4 reproduces Terraform's vectors and checks the region", {
  svc <- client_for(moto_url())
  for (case in ext()$smtp_vectors$cases) {
    out <- svc$ses_smtp_password_v4(SecretAccessKey = case$SecretAccessKey, Region = case$Region)
    expect_identical(out$SmtpPassword, case$SmtpPassword)
  }
  bad <- ext()$smtp_vectors$bad_region
  e <- tryCatch(svc$ses_smtp_password_v4(SecretAccessKey = "x", Region = bad$Region), polyiam_error = function(e) e)
  expect_s3_class(e, "polyiam_validation_error")
  expect_identical(c(e$issues[[1]]$path, e$issues[[1]]$rule), c(bad$path, bad$rule))
})

test_that("issue_access_key: Inactive at creation, with the SMTP password", {
  svc <- client_for(moto_url())
  user <- new_user(svc, "issue")
  region <- ext()$issue$smtp_region
  key <- svc$issue_access_key(UserName = user, Status = "Inactive", SesSmtpRegion = region)$AccessKey
  expect_setequal(names(key)[lengths(key) > 0], c(unlist(ext()$issue$plain_members), "SesSmtpPasswordV4"))
  expect_s3_class(key$CreateDate, "POSIXct")
  expect_identical(keys_of(svc, user), stats::setNames("Inactive", key$AccessKeyId))
  expected <- svc$ses_smtp_password_v4(SecretAccessKey = key$SecretAccessKey, Region = region)$SmtpPassword
  expect_identical(key$SesSmtpPasswordV4, expected)
})

test_that("a bad PGP key is refused before any key exists", {
  svc <- client_for(moto_url())
  for (bad in ext()$issue$bad_pgp_keys) {
    user <- new_user(svc, "badpgp")
    e <- tryCatch(svc$issue_access_key(UserName = user, PgpKey = bad$PgpKey), polyiam_error = function(e) e)
    expect_s3_class(e, "polyiam_validation_error")
    expect_match(conditionMessage(e), bad$message)
    expect_identical(e$issues[[1]]$path, "PgpKey")
    expect_length(keys_of(svc, user), 0)
  }
})

test_that("sealed secrets decrypt to keys that pass moto's signature check (RSA binary, ECC armored)", {
  skip_without_harness()
  keys <- gpg()$keys
  url <- server_url("moto_server.py", env = c(INITIAL_NO_AUTH_ACTION_COUNT = as.character(ext()$issue$no_auth_actions)))
  admin <- client_for(url)
  user <- unique_user("sealed")
  admin$create_user(UserName = user)
  policy <- '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}'
  admin$put_user_policy(UserName = user, PolicyName = "all", PolicyDocument = policy)
  # The third action: from here on moto checks every signature.
  first <- admin$issue_access_key(UserName = user, PgpKey = keys$rsa$binary_b64)$AccessKey
  expect_setequal(names(first)[lengths(first) > 0], unlist(ext()$issue$sealed_members))
  expect_identical(first$KeyFingerprint, keys$rsa$fingerprint)
  secret <- decrypt(first$EncryptedSecret)
  signed_by <- function(id, secret) {
    polyiam::iam(config = list(credentials = list(creds = list(access_key_id = id, secret_access_key = secret)), endpoint = url, region = "us-east-1"))
  }
  expect_identical(signed_by(first$AccessKeyId, secret)$get_user(UserName = user)$User$UserName, user)
  forged <- tryCatch(signed_by(first$AccessKeyId, paste0("x", secret))$get_user(UserName = user), polyiam_error = function(e) e)
  expect_identical(forged$status_code, 403L)
  second <- signed_by(first$AccessKeyId, secret)$issue_access_key(UserName = user, PgpKey = keys$ecc$armored)$AccessKey
  expect_identical(second$KeyFingerprint, keys$ecc$fingerprint)
  again <- signed_by(second$AccessKeyId, decrypt(second$EncryptedSecret))
  expect_identical(again$get_user(UserName = user)$User$UserName, user)
})

test_that("rotate_access_key: one key replaced; Deactivate; two keys refused, nothing changed", {
  svc <- client_for(moto_url())
  user <- new_user(svc, "rot")
  old <- svc$create_access_key(UserName = user)$AccessKey$AccessKeyId
  out <- svc$rotate_access_key(AccessKeyId = old, UserName = user)
  expect_identical(out$Replaced$AccessKeyId, old)
  expect_identical(out$Replaced$Status, "Deleted")
  expect_identical(keys_of(svc, user), stats::setNames("Active", out$AccessKey$AccessKeyId))

  user <- new_user(svc, "rotd")
  old <- svc$create_access_key(UserName = user)$AccessKey$AccessKeyId
  out <- svc$rotate_access_key(AccessKeyId = old, UserName = user, OldKey = "Deactivate")
  expect_identical(out$Replaced$Status, "Inactive")
  expect_identical(keys_of(svc, user)[c(old, out$AccessKey$AccessKeyId)], stats::setNames(c("Inactive", "Active"), c(old, out$AccessKey$AccessKeyId)))

  user <- new_user(svc, "rot2")
  a <- svc$create_access_key(UserName = user)$AccessKey$AccessKeyId
  b <- svc$create_access_key(UserName = user)$AccessKey$AccessKeyId
  before <- keys_of(svc, user)
  e <- tryCatch(svc$rotate_access_key(AccessKeyId = a, UserName = user), polyiam_error = function(e) e)
  expect_s3_class(e, ext()$rotate$two_keys_class)
  expect_identical(e$code, ext()$rotate$two_keys_code)
  expect_match(conditionMessage(e), a, fixed = TRUE)
  expect_match(conditionMessage(e), b, fixed = TRUE)
  expect_identical(keys_of(svc, user), before)
})

test_that("rotate_access_key reconciles a lost CreateAccessKey answer: one new key, the old one intact", {
  svc <- client_for(moto_url())
  user <- new_user(svc, "rotlost")
  old <- svc$create_access_key(UserName = user)$AccessKey$AccessKeyId
  lossy <- polyiam::iam(config = list(
    credentials = list(creds = list(access_key_id = "testing", secret_access_key = "testing")),
    endpoint = fault_url(ext()$rotate$dropped_fault), region = "us-east-1", timeout = 5
  ))
  e <- tryCatch(lossy$rotate_access_key(AccessKeyId = old, UserName = user), polyiam_error = function(e) e)
  expect_s3_class(e, "polyiam_error")
  now <- keys_of(svc, user)
  expect_length(now, 2)
  expect_identical(now[[old]], "Active")
  created <- setdiff(names(now), old)
  expect_match(conditionMessage(e), ext()$rotate$reconciled_words, fixed = TRUE)
  expect_match(conditionMessage(e), created, fixed = TRUE)
  expect_false(e$outcome_unknown)
  expect_identical(fault_requests("CreateAccessKey", user), 1L)
})

test_that("in_regions: one call per endpoint (IAM: per partition), results by region", {
  for (name in c("one_partition", "star", "two_partitions")) {
    case <- ext()$regions[[name]]
    user <- unique_user("reg")
    regional <- client_for(fault_url("proxy"))$in_regions(unlist(case$regions))
    regional$create_user(UserName = user)
    out <- regional$create_access_key(UserName = user)
    expect_identical(fault_requests("CreateAccessKey", user), as.integer(case$calls), label = name)
    ids <- unique(vapply(out, function(r) r$AccessKey$AccessKeyId, ""))
    expect_length(ids, case$calls)
    if (length(case$regions) > 1 || !identical(case$regions[[1]], "*")) expect_identical(names(out), unlist(case$regions))
    for (r in unlist(case$includes)) expect_true(r %in% names(out), label = r)
    for (r in unlist(case$excludes)) expect_false(r %in% names(out), label = r)
  }
  bad <- ext()$regions$unknown
  e <- tryCatch(client_for(moto_url())$in_regions(unlist(bad$regions)), polyiam_error = function(e) e)
  expect_s3_class(e, "polyiam_validation_error")
  expect_identical(e$issues[[1]]$path, bad$path)
})

test_that("raw_response: the body untouched; errors unchanged", {
  spec <- ext()$raw_response
  svc <- client_for(moto_url())
  user <- new_user(svc, "raw")
  raw <- polyiam::iam(config = list(
    credentials = list(creds = list(access_key_id = "testing", secret_access_key = "testing")),
    endpoint = moto_url(), region = "us-east-1", raw_response = TRUE
  ))
  out <- raw$get_user(UserName = user)
  expect_identical(names(out), "Body")
  expect_true(startsWith(out$Body, spec$body_starts_with))
  expect_match(out$Body, sprintf("<UserName>%s</UserName>", user), fixed = TRUE)
  e <- tryCatch(raw$get_user(UserName = unique_user("absent")), polyiam_error = function(e) e)
  expect_s3_class(e, "NoSuchEntityException")
  expect_identical(raw$issue_access_key(UserName = user)$AccessKey$UserName, user)
})
