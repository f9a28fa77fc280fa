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
