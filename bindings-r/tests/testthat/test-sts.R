# STS, the second service (tests/scenarios/sts.json): the same conventions as IAM's service object.

sts_client <- function(url) {
  polyiam::sts(config = list(
    credentials = list(creds = list(access_key_id = "testing", secret_access_key = "testing")),
    endpoint = url, region = "us-east-1"
  ))
}

test_that("get_caller_identity returns paws's list", {
  spec <- scenario("sts")$get_caller_identity
  result <- sts_client(moto_url())$get_caller_identity()
  expect_identical(names(result), names(spec$output))
  for (key in names(spec$output)) expect_type_of(result[[key]], spec$output[[key]], key)
  for (key in names(spec$values)) expect_identical(result[[key]], spec$values[[key]])
})

test_that("get_session_token returns credentials with a POSIXct expiry", {
  spec <- scenario("sts")$get_session_token
  creds <- do.call(sts_client(moto_url())$get_session_token, spec$input)$Credentials
  expect_setequal(names(creds), unlist(spec$credentials))
  expect_type_of(creds$Expiration, "timestamp", "Expiration")
})

test_that("bad input is refused before sending", {
  spec <- scenario("sts")$bad_input
  e <- tryCatch(do.call(sts_client("http://127.0.0.1:9")$get_session_token, spec$input), polyiam_error = function(e) e)
  expect_s3_class(e, "polyiam_validation_error")
  expect_identical(e$issues[[1]]$path, spec$path)
  expect_identical(e$issues[[1]]$rule, spec$rule)
})

# botocore's method name for an operation, as the R functions are named (AssumeRoleWithSAML -> assume_role_with_saml).
snake <- function(name) tolower(gsub("([a-z0-9])([A-Z])", "\\1_\\2", gsub("(.)([A-Z][a-z]+)", "\\1_\\2", name)))

test_that("every operation of the official STS model", {
  official <- jsonlite::fromJSON(file.path(polyiam_repo(), "..", "shared", "reference", "sts-2011-06-15.smithy.json"), simplifyVector = FALSE)
  ops <- sub(".*#", "", names(Filter(function(s) identical(s$type, "operation"), official$shapes)))
  specs <- scenario("sts")$every_operation
  expect_setequal(ops, vapply(specs, `[[`, "", "operation"))
  svc <- sts_client(moto_url())
  for (spec in specs) {
    f <- svc[[snake(spec$operation)]]
    expect_true(is.function(f), info = spec$operation)
    if (identical(spec$moto, "unimplemented")) {
      # Validated, signed and sent; moto answers an HTML 500 page for operations it lacks.
      e <- tryCatch(do.call(f, spec$input), polyiam_error = function(e) e)
      expect_s3_class(e, "polyiam_response_error")
      expect_identical(as.integer(e$status_code), 500L, info = spec$operation)
      next
    }
    result <- do.call(f, spec$input)
    for (key in unlist(spec$output)) expect_true(key %in% names(result), info = paste(spec$operation, key))
    if (isTRUE(spec$credentials)) expect_type_of(result$Credentials$Expiration, "timestamp", spec$operation)
  }
})

test_that("assume_role's Credentials make a service object (the paws idiom)", {
  spec <- scenario("sts")$assume_role_then_call
  creds <- do.call(sts_client(moto_url())$assume_role, spec$input)$Credentials
  assumed <- polyiam::sts(config = list(
    credentials = list(creds = list(
      access_key_id = creds$AccessKeyId, secret_access_key = creds$SecretAccessKey, session_token = creds$SessionToken
    )),
    endpoint = moto_url(), region = "us-east-1"
  ))
  expect_identical(assumed$get_caller_identity()$Arn, spec$arn)
})
