# The secret access key passed in config never shows in the service object's printed forms or in
# any error's message, printed form or structure.

secret <- "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY"

secret_client <- function(endpoint = "http://127.0.0.1:9") {
  polyiam::iam(config = list(
    credentials = list(creds = list(access_key_id = "AKIDEXAMPLE", secret_access_key = secret, session_token = "tok-SECRET-session")),
    endpoint = endpoint, region = "us-east-1"
  ))
}

leaks <- function(text) {
  text <- paste(text, collapse = "\n")
  grepl(secret, text, fixed = TRUE) || grepl("tok-SECRET-session", text, fixed = TRUE)
}

# Every way an R user looks at an object.
shown <- function(x) {
  c(
    capture.output(print(x)),
    format(x),
    capture.output(str(x)),
    capture.output(str(unclass(x))),
    capture.output(dput(x)),
    capture.output(print(unclass(x))),
    tryCatch(deparse(x), error = function(e) character(0)),
    tryCatch(toString(x), error = function(e) character(0))
  )
}

test_that("the service object's printed forms never contain the secret", {
  svc <- secret_client()
  expect_false(leaks(shown(svc)))
  expect_false(leaks(capture.output(str(svc, max.level = 10))))
  # The operations' environment holds only the client's external pointer.
  env <- environment(svc$get_user)
  expect_false(leaks(capture.output(str(as.list(env)))))
  expect_false(leaks(capture.output(print(as.list(env)))))
  expect_false(leaks(shown(env$.client)))
  expect_false(leaks(capture.output(print(ls.str(env)))))
})

test_that("errors never contain the secret", {
  svc <- secret_client()
  errors <- list(
    transport = tryCatch(svc$get_user(UserName = "x"), polyiam_error = function(e) e),
    validation = tryCatch(svc$create_access_key(UserName = "bad name!"), polyiam_error = function(e) e),
    unknown = tryCatch(svc$get_user(Foo = secret), polyiam_error = function(e) e)
  )
  expect_s3_class(errors$transport, "polyiam_transport_error")
  expect_s3_class(errors$validation, "polyiam_validation_error")
  for (name in c("transport", "validation")) {
    e <- errors[[name]]
    expect_false(leaks(conditionMessage(e)), label = name)
    expect_false(leaks(shown(e)), label = name)
    expect_false(leaks(capture.output(print(e$issues))), label = name)
  }
  # Config errors about the credentials don't quote them either.
  config_errors <- list(
    tryCatch(polyiam::iam(config = list(credentials = list(creds = list(secret_access_key = secret)))), polyiam_error = function(e) e),
    tryCatch(polyiam::iam(config = list(credentials = list(creds = list(access_key_id = "AKID", secret_access_key = c(secret, secret))))), polyiam_error = function(e) e),
    tryCatch(polyiam::iam(config = list(credentials = list(creds = list(access_key_id = "AKID", secret_access_key = secret)), endpoint = "not a url")), polyiam_error = function(e) e),
    tryCatch(polyiam::iam(config = list(credentials = list(creds = list(access_key_id = "AKID", secret_access_key = factor(secret))))), polyiam_error = function(e) e)
  )
  for (e in config_errors) {
    expect_s3_class(e, "polyiam_error")
    expect_false(leaks(conditionMessage(e)))
    expect_false(leaks(shown(e)))
  }
})

test_that("service errors from the server never contain the secret", {
  svc <- secret_client(moto_url())
  e <- tryCatch(svc$get_user(UserName = scenario("common")$users$unknown), polyiam_error = function(e) e)
  expect_s3_class(e, "NoSuchEntityException")
  expect_false(leaks(conditionMessage(e)))
  expect_false(leaks(shown(e)))
})
