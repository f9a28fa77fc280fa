# Service errors as R conditions: c(<error shape>, "polyiam_error", "paws_error", "http_<status>", ..., "error", "condition") with
# code, message, request_id and status_code, caught by tryCatch on the shape's name.

catch <- function(expr, class) tryCatch(expr, condition = function(e) e)

check_error <- function(e, case, user) {
  expect_s3_class(e, case$exception)
  http <- paste0("http_", unique(c(case$http_status, (case$http_status %/% 100) * 100, "error")))
  expect_identical(class(e), c(case$exception, "polyiam_error", "paws_error", http, "error", "condition"))
  expect_identical(e$code, case$code)
  expect_identical(e$status_code, as.integer(case$http_status))
  expect_true(is.character(e$request_id) && length(e$request_id) == 1L && nzchar(e$request_id))
  for (fragment in case$message_contains) {
    expect_match(conditionMessage(e), sub("$unknown_user", scenario("common")$users$unknown, sub("$user", user, fragment, fixed = TRUE), fixed = TRUE), fixed = TRUE)
  }
}

errors <- function() {
  cases <- scenario("errors")$errors
  names(cases) <- vapply(cases, function(c) c$name, "")
  cases
}

test_that("unknown user: NoSuchEntityException", {
  svc <- client_for(moto_url())
  case <- errors()$unknown_user
  unknown <- scenario("common")$users$unknown
  e <- tryCatch(svc$create_access_key(UserName = unknown), NoSuchEntityException = function(e) e)
  check_error(e, case, unknown)
})

test_that("access key quota: LimitExceededException", {
  svc <- client_for(moto_url())
  case <- errors()$access_key_quota
  user <- unique_user("quota")
  svc$create_user(UserName = user)
  for (i in seq_len(scenario("common")$access_keys$quota_per_user)) svc$create_access_key(UserName = user)
  e <- tryCatch(svc$create_access_key(UserName = user), LimitExceededException = function(e) e)
  check_error(e, case, user)
})

test_that("deleted user: NoSuchEntityException", {
  svc <- client_for(moto_url())
  case <- errors()$deleted_user
  user <- unique_user("deleted")
  svc$create_user(UserName = user)
  svc$delete_user(UserName = user)
  e <- tryCatch(svc$get_user(UserName = user), NoSuchEntityException = function(e) e)
  check_error(e, case, user)
})

test_that("existing user: EntityAlreadyExistsException", {
  svc <- client_for(moto_url())
  case <- errors()$existing_user
  user <- unique_user("exists")
  svc$create_user(UserName = user)
  e <- tryCatch(svc$create_user(UserName = user), EntityAlreadyExistsException = function(e) e)
  check_error(e, case, user)
})

test_that("invalid marker from the pager server: InvalidInputException", {
  svc <- client_for(pager_url())
  case <- errors()$invalid_marker
  e <- tryCatch(
    svc$list_access_keys(UserName = scenario("pagination")$user_name, Marker = "bogus"),
    InvalidInputException = function(e) e
  )
  check_error(e, case, "")
})

test_that("every error class is catchable as polyiam_error and as error", {
  svc <- client_for(moto_url())
  unknown <- scenario("common")$users$unknown
  expect_s3_class(tryCatch(svc$get_user(UserName = unknown), polyiam_error = function(e) e), "NoSuchEntityException")
  expect_error(svc$get_user(UserName = unknown), class = "NoSuchEntityException")
  expect_error(svc$delete_user(UserName = unknown), "cannot be found")
})

test_that("transport errors are conditions too", {
  svc <- client_for("http://127.0.0.1:9")
  e <- tryCatch(svc$get_user(UserName = "x"), polyiam_error = function(e) e)
  expect_s3_class(e, "polyiam_transport_error")
})

test_that("a Rust panic arrives as an R condition, not a crash", {
  e <- tryCatch(polyiam:::.polyiam_force_panic_for_tests(), polyiam_error = function(e) e)
  expect_s3_class(e, "polyiam_internal_error")
  expect_match(conditionMessage(e), "forced by")
})
