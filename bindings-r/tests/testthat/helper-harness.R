# The shared harness (tests/harness/*.py) and scenarios (tests/scenarios/*.json) live in the polyiam
# repository: found from POLYIAM_REPO, or by walking up from the working directory. Without them
# (e.g. a tarball checked elsewhere) the suites that need a server are skipped.

polyiam_repo <- function() {
  env <- Sys.getenv("POLYIAM_REPO")
  if (nzchar(env)) return(normalizePath(env))
  dir <- normalizePath(getwd())
  repeat {
    if (file.exists(file.path(dir, "tests", "harness", "moto_server.py"))) return(dir)
    parent <- dirname(dir)
    if (identical(parent, dir)) return(NULL)
    dir <- parent
  }
}

polyiam_python <- function(repo) {
  env <- Sys.getenv("POLYIAM_PYTHON")
  if (nzchar(env)) return(env)
  venv <- file.path(repo, ".venv", "bin", "python")
  if (file.exists(venv)) venv else "python3"
}

skip_without_harness <- function() {
  skip_if_not_installed("processx")
  skip_if_not_installed("jsonlite")
  if (is.null(polyiam_repo())) skip("polyiam repository (tests/harness) not found; set POLYIAM_REPO")
}

scenario <- function(name) {
  jsonlite::fromJSON(file.path(polyiam_repo(), "tests", "scenarios", paste0(name, ".json")), simplifyVector = FALSE)
}

# Dummy credentials only, and no instance-metadata lookups.
Sys.setenv(
  AWS_ACCESS_KEY_ID = "testing", AWS_SECRET_ACCESS_KEY = "testing", AWS_REGION = "us-east-1",
  AWS_DEFAULT_REGION = "us-east-1", AWS_EC2_METADATA_DISABLED = "true"
)
Sys.unsetenv(c("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_IAM"))

.servers <- new.env(parent = emptyenv())

# The URL of a harness server (moto_server.py or pager_server.py), started once for the whole run
# and stopped when the run ends (closing its stdin stops it).
server_url <- function(script, args = character(), env = character()) {
  key <- paste(c(script, names(env), env), collapse = " ")
  if (!is.null(.servers[[key]])) return(.servers[[key]])
  repo <- polyiam_repo()
  # R puts its own library dirs on LD_LIBRARY_PATH; a Python built elsewhere must not load them.
  p <- processx::process$new(
    polyiam_python(repo), c(file.path(repo, "tests", "harness", script), args),
    stdin = "|", stdout = "|", stderr = "", env = c("current", LD_LIBRARY_PATH = "", env)
  )
  url <- character(0)
  deadline <- Sys.time() + 60
  while (!length(url) && Sys.time() < deadline && p$is_alive()) {
    p$poll_io(500)
    url <- p$read_output_lines()
  }
  if (!length(url)) {
    p$kill()
    stop(sprintf("%s did not start", script))
  }
  withr::defer({
    try(p$close_connections(), silent = TRUE)
    try(p$wait(5000), silent = TRUE)
    try(p$kill(), silent = TRUE)
  }, envir = testthat::teardown_env())
  .servers[[key]] <- url[[1]]
  url[[1]]
}

moto_url <- function() {
  skip_without_harness()
  server_url("moto_server.py")
}

pager_url <- function() {
  skip_without_harness()
  server_url("pager_server.py")
}

# The fault server (tests/harness/fault_server.py) in front of moto; `fault_url("hang")` is the
# endpoint of one fault.
fault_url <- function(fault) {
  base <- server_url("fault_server.py", c("--upstream", moto_url()))
  paste0(base, "/", fault)
}

# How many requests for `action` with UserName `user` the fault server received (tests use unique
# user names, so no reset is needed).
fault_requests <- function(action, user) {
  base <- server_url("fault_server.py", c("--upstream", moto_url()))
  log <- jsonlite::fromJSON(paste0(base, "/__harness__/requests"), simplifyVector = FALSE)
  sum(vapply(log, function(r) identical(r$params$Action, action) && identical(r$params$UserName, user), logical(1)))
}

client_for <- function(url) {
  polyiam::iam(config = list(
    credentials = list(creds = list(access_key_id = "testing", secret_access_key = "testing")),
    endpoint = url, region = "us-east-1"
  ))
}

# An operation's function name on the service object: CreateAccessKey -> create_access_key.
polyiam_method <- function(operation) tolower(gsub("([a-z0-9])([A-Z])", "\\1_\\2", operation))

unique_user <- function(tag = "user") {
  sprintf("polyiam-test-r-%s-%s", tag, paste(sample(c(letters, 0:9), 10, TRUE), collapse = ""))
}

# paws's typed empties, by the scenario type names.
expect_type_of <- function(x, type, label) {
  switch(type,
    string = expect_true(is.character(x) && length(x) == 1L && !is.na(x), label = label),
    boolean = expect_true(is.logical(x) && length(x) == 1L && !is.na(x), label = label),
    integer = expect_true(is.numeric(x) && length(x) == 1L, label = label),
    timestamp = {
      expect_s3_class(x, "POSIXct")
      expect_length(x, 1L)
      expect_identical(attr(x, "tzone"), "UTC", label = label)
    },
    stop("unknown scenario type ", type)
  )
}

# Checks `actual` against a shapes.json expectation (names, types, lists of structures).
expect_shape <- function(actual, expected, path = "") {
  for (key in names(expected)) {
    optional <- endsWith(key, "?")
    name <- sub("\\?$", "", key)
    label <- paste0(path, name)
    value <- actual[[name]]
    expect_true(name %in% names(actual), label = paste(label, "is present"))
    want <- expected[[key]]
    if (optional && length(value) == 0L) next
    if (is.character(want)) {
      expect_type_of(value, want, label)
    } else if (is.null(names(want))) {
      expect_true(is.list(value) && is.null(names(value)) && length(value) >= 1L, label = paste(label, "is an unnamed list"))
      for (i in seq_along(value)) expect_shape(value[[i]], want[[1]], paste0(label, "[[", i, "]]$"))
    } else {
      expect_true(is.list(value) && !is.null(names(value)), label = paste(label, "is a named list"))
      expect_shape(value, want, paste0(label, "$"))
    }
  }
}

# A member the service did not return: paws's typed empty (length 0) or a structure of them.
expect_absent <- function(x, label) {
  if (is.list(x) && !is.null(names(x))) {
    for (n in names(x)) expect_absent(x[[n]], paste0(label, "$", n))
  } else {
    expect_length(x, 0L)
  }
}

get_path <- function(x, dotted) {
  for (part in strsplit(dotted, ".", fixed = TRUE)[[1]]) x <- x[[part]]
  x
}
