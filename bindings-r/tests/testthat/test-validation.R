# Bad arguments give a polyiam_validation_error before anything is sent: the client points at a
# closed port, so a request would show up as a transport error instead.

closed <- function() client_for("http://127.0.0.1:9")

expect_invalid <- function(expr, pattern = NULL) {
  e <- tryCatch(expr, condition = function(e) e)
  # A constraint IAM checks reads as IAM's 400 answer too (paws's classes for it).
  http <- if (identical(e$code, "ValidationError")) c("paws_error", "http_400", "http_error")
  expect_identical(class(e), c("polyiam_validation_error", "polyiam_error", http, "error", "condition"))
  if (!is.null(pattern)) expect_match(conditionMessage(e), pattern, fixed = TRUE)
  invisible(e)
}

test_that("the shared param_validation.json cases are rejected client-side", {
  skip_without_harness()
  svc <- closed()
  for (case in scenario("param_validation")$cases) {
    params <- lapply(case$params, function(v) if (is.list(v)) strrep(v[["$repeat"]], v$count) else v)
    fn <- svc[[tolower(gsub("([a-z0-9])([A-Z])", "\\1_\\2", case$operation))]]
    e <- expect_invalid(do.call(fn, params))
    for (fragment in case$message_contains) expect_match(conditionMessage(e), fragment, fixed = TRUE)
  }
})

test_that("R values a Rust function can't take are clear errors", {
  svc <- closed()
  expect_invalid(svc$get_user(UserName = NA), "NA")
  expect_invalid(svc$get_user(UserName = NA_character_), "NA")
  expect_invalid(svc$get_user(UserName = character(0)), "length")
  expect_invalid(svc$get_user(UserName = c("a", "b")), "length")
  expect_invalid(svc$get_user(UserName = factor("a")), "factor")
  expect_invalid(svc$get_user(UserName = 1L), "UserName")
  expect_invalid(svc$get_user(UserName = TRUE), "UserName")
  expect_invalid(svc$get_user(UserName = list("a")), "UserName")
  expect_invalid(svc$get_user(UserName = sum), "function")
  expect_invalid(svc$get_user(UserName = new.env()), "environment")
  expect_invalid(svc$get_user(UserName = 1i), "complex")
  expect_invalid(svc$get_user(Foo = 1), "Foo")
  expect_invalid(svc$get_user("a", "b"), "unnamed")
  expect_invalid(svc$create_user(UserName = "u", Tags = list(list(Key = "k", Value = NA))), "Tags[0].Value")
  expect_invalid(svc$create_user(UserName = "u", Tags = list(list(Key = "k", Key = "v"))), "twice")
  expect_invalid(svc$update_access_key(UserName = "u", AccessKeyId = "AKIAIOSFODNN7EXAMPLE", Status = "Bogus"), "Status")
  expect_invalid(svc$delete_access_key(UserName = "u"), "AccessKeyId")
})

# Configuration problems the core finds are configuration errors, which are bad input too.
expect_bad_config <- function(expr, pattern) {
  e <- tryCatch(expr, condition = function(e) e)
  expect_s3_class(e, "polyiam_config_error")
  expect_s3_class(e, "polyiam_validation_error")
  expect_match(conditionMessage(e), pattern, fixed = TRUE)
}

test_that("bad config is an error before anything is sent", {
  expect_invalid(polyiam::iam(config = list(region = c("a", "b"))), "config$region")
  expect_bad_config(polyiam::iam(config = list(region = 1)), "config$region must be a string")
  expect_invalid(polyiam::iam(config = list(endpoint = NA_character_)), "endpoint")
  expect_invalid(polyiam::iam(config = list(bogus = 1)), "bogus")
  expect_bad_config(polyiam::iam(config = list(max_retries = 1.5)), "config$max_retries must be a whole number")
  e <- tryCatch(polyiam::iam(config = list(endpoint = "localhost:5000")), polyiam_error = function(e) e)
  expect_s3_class(e, "polyiam_config_error")
  e <- tryCatch(
    polyiam::iam(config = list(credentials = list(creds = list(access_key_id = "AKIDONLY")))),
    polyiam_error = function(e) e
  )
  expect_s3_class(e, "polyiam_config_error")
})

test_that("secrets never appear in errors", {
  svc <- polyiam::iam(config = list(
    credentials = list(creds = list(access_key_id = "AKIDEXAMPLE", secret_access_key = "wJalrXUtnFEMIsecret")),
    endpoint = "http://127.0.0.1:9", region = "us-east-1"
  ))
  e <- tryCatch(svc$get_user(UserName = "x"), polyiam_error = function(e) e)
  expect_false(grepl("wJalrXUtnFEMIsecret", paste(capture.output(str(unclass(e))), collapse = "\n"), fixed = TRUE))
})

test_that("operation functions called outside a service object say how to call them", {
  expect_invalid(polyiam:::iam_get_user(UserName = "x"), "polyiam::iam()")
})

test_that("a constraint IAM checks is refused before sending as IAM's own ValidationError (paws's classes for a 400)", {
  svc <- polyiam::iam(config = list(
    credentials = list(creds = list(access_key_id = "testing", secret_access_key = "testing")),
    endpoint = "http://127.0.0.1:9", region = "us-east-1"
  ))
  e <- tryCatch(svc$get_user(UserName = "bad name!"), error = function(e) e)
  expect_s3_class(e, "polyiam_validation_error")
  for (cls in c("paws_error", "http_400", "http_error")) expect_s3_class(e, cls)
  expect_identical(e$error_response$Code, "ValidationError")
  expect_identical(attr(e, "error_response")$Type, "Sender")
  expect_match(e$error_response$Message, "^1 validation error detected: Value 'bad name!' at 'userName' failed to satisfy constraint")
  # A missing member is a check paws makes itself: no HTTP classes.
  missing <- tryCatch(svc$update_access_key(UserName = "bob"), error = function(e) e)
  expect_false(inherits(missing, "http_400"))
})
