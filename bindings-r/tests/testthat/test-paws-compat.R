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
