# The core's error kinds as R conditions (tests/scenarios/error_kinds.json): the class each kind maps
# to, and the same fields in every language (here elements of the condition).

# The scenario's field names -> the condition's elements.
kind_fields <- c(
  code = "code", message = "message", operation = "operation", http_status = "status_code", headers = "headers",
  fault = "fault", retry_attempts = "retry_attempts", total_retry_delay = "total_retry_delay_ms",
  outcome_unknown = "outcome_unknown"
)

closed_port_url <- function() {
  # Nothing listens on port 9 here (the discard service is not run).
  "http://127.0.0.1:9"
}

test_that("every error kind is its condition class with every field", {
  kinds <- scenario("error_kinds")
  expect_setequal(names(kind_fields), unlist(kinds$fields))
  for (case in kinds$cases) {
    url <- switch(case$endpoint,
      closed = closed_port_url(),
      moto = moto_url(),
      "not-a-url" = "localhost:1",
      fault_url(sub("^fault:", "", case$endpoint))
    )
    config <- list(
      credentials = list(creds = list(access_key_id = "testing", secret_access_key = "testing")),
      endpoint = url, region = "us-east-1", max_retries = 0
    )
    if (!is.null(case$read_timeout)) config$timeout <- case$read_timeout
    e <- tryCatch({
      svc <- polyiam::iam(config = config)
      do.call(svc[[polyiam_method(case$operation)]], if (is.null(case$input)) list() else case$input)
    }, polyiam_error = function(e) e)
    label <- paste(case$kind, "error")
    expect_s3_class(e, case$classes$r)
    expect_identical(e$kind, case$kind, label = label)
    for (field in kind_fields) expect_true(field %in% names(e), label = paste(label, "has", field))
    expect_identical(e$code, case$code, label = label)
    expect_type(e$headers, "list")
    expect_identical(isTRUE(e$outcome_unknown), isTRUE(case$outcome_unknown), label = paste(label, "outcome_unknown"))
    if (!is.null(case$http_status)) expect_identical(e$status_code, as.integer(case$http_status), label = label)
    if (!is.null(case$operation)) expect_identical(e$operation, case$operation, label = label)
  }
})
