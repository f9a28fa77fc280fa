# The whole IAM API (tests/scenarios/iam_api.json): one workflow per family against moto through the
# service object, each step's result checked, policy documents left URL-encoded (as IAM sends them),
# and the waiters through svc$wait_until().

api <- function() scenario("iam_api")

api_method <- function(op) tolower(gsub("([a-z0-9])([A-Z])", "\\1_\\2", gsub("(.)([A-Z][a-z]+)", "\\1_\\2", op)))

fresh_names <- function(tag) {
  suffix <- paste(sample(c(letters, 0:9), 10, TRUE), collapse = "")
  list(
    "$user" = paste0("api-r-", tag, "-", suffix), "$group" = paste0("api-group-", suffix),
    "$role" = paste0("api-role-", suffix), "$profile" = paste0("api-profile-", suffix),
    "$policy_name" = paste0("api-policy-", suffix), "$missing" = paste0("api-missing-", suffix),
    "$policy_document" = as.character(jsonlite::toJSON(api()$policy_document, auto_unbox = TRUE)),
    "$assume_role_policy_document" = as.character(jsonlite::toJSON(api()$assume_role_policy_document, auto_unbox = TRUE))
  )
}

fill <- function(value, names) {
  if (is.character(value) && length(value) == 1L) {
    if (!is.null(names[[value]])) return(names[[value]])
    for (k in names(names)[order(-nchar(names(names)))]) value <- gsub(k, names[[k]], value, fixed = TRUE)
    return(value)
  }
  if (is.list(value)) {
    out <- lapply(value, fill, names = names)
    names(out) <- names(value)
    return(out)
  }
  value
}

get_path <- function(value, dotted) {
  parts <- regmatches(dotted, gregexpr("[^.\\[\\]]+|\\[[0-9]+\\]", dotted, perl = TRUE))[[1]]
  for (p in parts) {
    value <- if (startsWith(p, "[")) value[[as.integer(substr(p, 2, nchar(p) - 1)) + 1L]] else value[[p]]
  }
  value
}

as_json <- function(x) as.character(jsonlite::toJSON(x, auto_unbox = TRUE, POSIXt = "ISO8601"))

run_family <- function(svc, steps, names) {
  for (step in steps) {
    result <- do.call(svc[[api_method(step$op)]], fill(step$params, names))
    for (key in names(step$save)) names[[paste0("$", key)]] <- get_path(result, step$save[[key]])
    for (p in names(step$expect)) {
      expect_identical(as_json(get_path(result, p)), as_json(fill(step$expect[[p]], names)), label = paste(step$op, p))
    }
    for (p in names(step$documents)) {
      got <- get_path(result, p)
      expect_true(is.character(got), label = paste(step$op, p, "stays URL-encoded"))
      expect_identical(as_json(jsonlite::fromJSON(utils::URLdecode(got), simplifyVector = FALSE)), as_json(api()[[step$documents[[p]]]]))
    }
  }
  invisible(names)
}

test_that("every family's workflow runs against moto", {
  svc <- client_for(moto_url())
  for (family in names(api()$families)) run_family(svc, api()$families[[family]], fresh_names(family))
})

test_that("waiters: svc$wait_until() returns when the resource exists and signals when it does not", {
  svc <- client_for(moto_url())
  w <- api()$waiters
  for (case in w$cases) {
    names <- fresh_names("wait")
    created <- do.call(svc[[api_method(case$create$op)]], fill(case$create$params, names))
    for (key in names(case$create$save)) names[[paste0("$", key)]] <- get_path(created, case$create$save[[key]])
    result <- do.call(svc$wait_until, c(list(api_method(case$waiter)), fill(case$params, names), list(max_wait = w$max_wait)))
    expect_true(is.list(result), label = case$waiter)
    e <- tryCatch(
      do.call(svc$wait_until, c(list(case$waiter), fill(case$missing, names), list(max_wait = w$timeout_max_wait))),
      polyiam_error = function(e) e
    )
    expect_s3_class(e, if (is.null(case$missing_error)) "polyiam_waiter_error" else case$missing_error$class)
  }
  e <- tryCatch(svc$wait_until("no_such_waiter"), polyiam_error = function(e) e)
  expect_s3_class(e, "polyiam_validation_error")
})
