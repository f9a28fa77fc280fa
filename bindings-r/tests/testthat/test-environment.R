# The user-environment cases (tests/scenarios/environment.json) with polyiam for R: credential
# sources, proxies, CA bundles, timeouts, retry modes. The protocol is the boto3 control's
# (bindings-python/tests/test_environment_boto3.py, tests/harness/README.md "Environment harness"):
# tests/harness/environment.py once per run; per case a control reset, then the call in a child
# `Rscript env_case.R` whose environment is ours minus clear_env plus case$env, so the client sees
# the variables exactly as a user's shell sets them; then case$expect (or the case's polyiam_expect,
# a documented deviation of every polyiam binding) and case$observe.

LANG <- "r" # a case's `"r": "skip: reason"` skips it here

# The core's error kinds -> the condition class (R/boundary.R; "credentials" is new).
KIND_CLASSES <- c(
  credentials = "polyiam_credentials_error",
  config = "polyiam_config_error",
  transport = "polyiam_transport_error",
  read_timeout = "polyiam_read_timeout_error"
)

# R's own expectations, where polyiam keeps paws's behaviour rather than boto3's and the JS SDK's.
R_OVERRIDES <- list(
  # paws's credential chain takes keys from the environment before a named profile, and the R
  # binding keeps paws's order: the environment's keys (user env-profile-a) sign, not profile B's.
  "profile-beats-env" = function(case) {
    case$expect$result$User$UserName <- "env-profile-a"
    case
  },
  # The same order here: the environment's keys (env-static) sign directly, before the profile's
  # role_arn + credential_source could assume the role; moto names the user with an iam ARN.
  "credential-source-env" = function(case) {
    case$expect$result$Arn <- "arn:aws:iam::123456789012:user/env-static"
    case
  }
)

# ---------------------------------------------------------------- the harness

.env_harness <- new.env(parent = emptyenv())

# Our environment minus clear_env (prefixes and names), plus `overlay` (NULL = unset).
child_env <- function(clear, overlay = list()) {
  vars <- Sys.getenv()
  env <- stats::setNames(as.character(vars), names(vars))
  by_prefix <- Reduce(`|`, lapply(unlist(clear$prefixes), function(p) startsWith(names(env), p)), FALSE)
  env <- env[!(names(env) %in% unlist(clear$names)) & !by_prefix]
  for (name in names(overlay)) {
    value <- overlay[[name]]
    if (is.null(value)) env <- env[names(env) != name] else env[[name]] <- value
  }
  env
}

# Starts environment.py (sharing the run's moto); list(info, python, quiet_env), or list(skip = why).
start_env_harness <- function() {
  repo <- polyiam_repo()
  python <- polyiam_python(repo)
  probe <- tryCatch(
    processx::run(python, c("-c", "import moto, boto3"), error_on_status = FALSE, env = c("current", LD_LIBRARY_PATH = "")),
    error = function(e) list(status = -1L)
  )
  if (!identical(probe$status, 0L)) return(list(skip = sprintf("no Python with moto at %s (set POLYIAM_PYTHON)", python)))
  # R puts its own library dirs on LD_LIBRARY_PATH; a Python built elsewhere must not load them.
  p <- processx::process$new(
    python, c(file.path(repo, "tests", "harness", "environment.py"), "--moto", moto_url()),
    stdin = "|", stdout = "|", stderr = "", env = c("current", LD_LIBRARY_PATH = "")
  )
  line <- character(0)
  deadline <- Sys.time() + 120
  while (!length(line) && Sys.time() < deadline && p$is_alive()) {
    p$poll_io(500)
    line <- p$read_output_lines()
  }
  if (!length(line)) {
    p$kill()
    stop("environment.py did not announce within 120 s")
  }
  info <- jsonlite::fromJSON(line[[1]], simplifyVector = FALSE)
  # Closing its stdin stops every server and deletes the temp dir; the dir is removed here too, for
  # when it had to be killed (R CMD check reports a dir left in the temp directory).
  withr::defer({
    try(p$close_connections(), silent = TRUE)
    try(p$wait(20000), silent = TRUE)
    try(p$kill(), silent = TRUE)
    unlink(info$dir, recursive = TRUE)
  }, envir = testthat::teardown_env())
  names(info$cases) <- vapply(info$cases, `[[`, "", "name")
  # For the control calls: no proxy variables, which would send 127.0.0.1 through a proxy.
  quiet_env <- child_env(info$clear_env)
  quiet_env[["LD_LIBRARY_PATH"]] <- ""
  list(info = info, python = python, quiet_env = quiet_env)
}

env_harness <- function() {
  skip_without_harness()
  if (is.null(.env_harness$state)) .env_harness$state <- start_env_harness()
  state <- .env_harness$state
  skip_if_not(is.null(state$skip), state$skip)
  state
}

# POST /__harness__/reset or GET /__harness__/requests on the control server (through Python's
# urllib, as base R cannot POST); the parsed JSON answer, if any.
control <- function(state, what, method = "GET") {
  code <- paste(
    "import sys, urllib.request as u",
    "r = u.urlopen(u.Request(sys.argv[1], data=b'' if sys.argv[2] == 'POST' else None, method=sys.argv[2]), timeout=30)",
    "sys.stdout.write(r.read().decode())",
    sep = "\n"
  )
  url <- paste0(state$info$servers$control, "/__harness__/", what)
  res <- processx::run(state$python, c("-c", code, url, method), env = state$quiet_env)
  if (nzchar(res$stdout)) jsonlite::fromJSON(res$stdout, simplifyVector = FALSE)
}

run_child <- function(state, case) {
  file <- tempfile(fileext = ".json")
  on.exit(unlink(file))
  writeLines(jsonlite::toJSON(case[c("service", "options", "call")], auto_unbox = TRUE, null = "null", digits = NA), file)
  env <- child_env(state$info$clear_env, case$env)
  # R CMD check sets R_TESTS to a relative startup file that a child R would fail to source.
  env <- env[names(env) != "R_TESTS"]
  res <- processx::run(
    file.path(R.home("bin"), "Rscript"), c(normalizePath(test_path("env_case.R")), file),
    env = env, error_on_status = FALSE, timeout = 60
  )
  lines <- strsplit(trimws(res$stdout), "\n", fixed = TRUE)[[1]]
  if (!identical(res$status, 0L) || !length(lines)) stop(sprintf("the child failed (status %s):\n%s", res$status, res$stderr))
  outcome <- jsonlite::fromJSON(lines[[length(lines)]], simplifyVector = FALSE)
  if (!is.null(outcome$runner_error)) stop(outcome$runner_error)
  outcome
}

# ---------------------------------------------------------------- checks

as_json <- function(x) substr(jsonlite::toJSON(x, auto_unbox = TRUE, null = "null"), 1, 2000)

# NULL when every key of `expected` is in `actual` with a matching value (lists item by item),
# else what differs. JSON objects are named lists, arrays unnamed ones (simplifyVector = FALSE).
subset_problem <- function(expected, actual, where = "result") {
  is_object <- function(x) is.list(x) && !is.null(names(x))
  if (is_object(expected)) {
    if (!is.list(actual) || (length(actual) && is.null(names(actual)))) return(sprintf("%s: expected an object, got %s", where, as_json(actual)))
    for (key in names(expected)) {
      if (!key %in% names(actual)) return(sprintf("%s: no %s in [%s]", where, key, paste(names(actual), collapse = ", ")))
      problem <- subset_problem(expected[[key]], actual[[key]], paste0(where, "$", key))
      if (!is.null(problem)) return(problem)
    }
    return(NULL)
  }
  if (is.list(expected)) {
    if (!is.list(actual) || is_object(actual) && length(actual) || length(actual) != length(expected)) {
      return(sprintf("%s: expected %s, got %s", where, as_json(expected), as_json(actual)))
    }
    for (i in seq_along(expected)) {
      problem <- subset_problem(expected[[i]], actual[[i]], sprintf("%s[[%d]]", where, i))
      if (!is.null(problem)) return(problem)
    }
    return(NULL)
  }
  same <- if (is.numeric(expected) && is.numeric(actual)) isTRUE(expected == actual) else identical(expected, actual)
  if (same) NULL else sprintf("%s: expected %s, got %s", where, as_json(expected), as_json(actual))
}

# A success returns paws's output list only, without boto3's ResponseMetadata: the attempt count
# (RetryAttempts) of the retry cases is checked by their observe rules (exactly two requests).
r_result <- function(expected) {
  expected$ResponseMetadata <- NULL
  expected
}

check_error <- function(error, outcome) {
  shown <- sprintf("[%s] (code %s): %s", paste(unlist(outcome$class), collapse = ", "), format(outcome$code), outcome$message)
  if (isTRUE(outcome$ok)) {
    fail(sprintf("expected %s / %s, the call returned %s", error$polyiam_kind, error$code, as_json(outcome$result)))
    return(invisible())
  }
  if (!error$polyiam_kind %in% names(KIND_CLASSES)) {
    fail(sprintf("no R condition class for the kind %s: add it to KIND_CLASSES", error$polyiam_kind))
    return(invisible())
  }
  cls <- KIND_CLASSES[[error$polyiam_kind]]
  expect_true(cls %in% unlist(outcome$class), info = paste("class", cls, shown))
  expect_identical(outcome$kind, error$polyiam_kind, info = shown)
  expect_identical(outcome$code, error$code, info = shown)
  message <- tolower(outcome$message)
  for (fragment in error$message_contains) expect_true(grepl(tolower(fragment), message, fixed = TRUE), info = paste(fragment, "not in", shown))
  for (fragment in error$message_excludes) expect_false(grepl(tolower(fragment), message, fixed = TRUE), info = paste(fragment, "leaked into", shown))
}

check_observe <- function(rules, logs) {
  for (rule in rules) {
    entries <- logs[[rule$server]]
    expect_false(is.null(entries), info = paste("no request log for the server", rule$server))
    count <- sum(vapply(entries, function(entry) is.null(subset_problem(rule$where, entry)), logical(1)))
    detail <- sprintf("%s: %d matching requests; log: %s", as_json(rule), count, as_json(entries))
    expect_true(count >= if (is.null(rule$at_least)) 0L else rule$at_least, info = detail)
    if (!is.null(rule$at_most)) expect_true(count <= rule$at_most, info = detail)
  }
}

# ---------------------------------------------------------------- one test per case

# Names from the scenario file, so a skipped run still lists its cases.
case_names <- if (is.null(polyiam_repo()) || !requireNamespace("jsonlite", quietly = TRUE)) {
  "(environment harness)"
} else {
  vapply(scenario("environment")$cases, `[[`, "", "name")
}

for (name in case_names) {
  test_that(paste("environment case:", name), {
    state <- env_harness()
    case <- state$info$cases[[name]]
    expect_false(is.null(case), info = paste("environment.py did not print the case", name))
    marker <- case[[LANG]]
    if (is.character(marker) && startsWith(marker, "skip:")) skip(trimws(substring(marker, nchar("skip:") + 1L)))
    if (!is.null(case$polyiam_expect)) case$expect <- case$polyiam_expect
    if (!is.null(R_OVERRIDES[[name]])) case <- R_OVERRIDES[[name]](case)
    control(state, "reset", "POST")
    outcome <- run_child(state, case)
    expect <- case$expect
    if (!is.null(expect$result)) {
      expect_true(isTRUE(outcome$ok), info = sprintf("raised [%s] (code %s): %s", paste(unlist(outcome$class), collapse = ", "), format(outcome$code), outcome$message))
      problem <- if (isTRUE(outcome$ok)) subset_problem(r_result(expect$result), outcome$result)
      expect_null(problem, info = problem)
    } else {
      check_error(expect$error, outcome)
    }
    if (!is.null(expect$max_seconds)) {
      expect_lte(outcome$seconds, expect$max_seconds, label = sprintf("%s: seconds taken", name))
    }
    check_observe(case$observe, control(state, "requests"))
  })
}
