# Run by test-environment.R as `Rscript env_case.R CASE.json` in a child process whose environment
# IS the case's (credential, proxy and CA variables are read when the client is built): builds the
# service object from case$options (the core's option names, translated to polyiam's paws-style
# config), makes the call and prints one JSON line:
# {ok, result | class, code, kind, message, retry_attempts, seconds}. No testthat, no helpers here.

args <- commandArgs(trailingOnly = TRUE)
case <- jsonlite::fromJSON(args[[1]], simplifyVector = FALSE)

# The core's option names -> polyiam's R config entries (dotted = nested list, as in paws). The
# generated table (.polyiam_options in R/boundary.R) wins where it has the name; this map covers
# what it lacks (proxies, TLS and retry mode arrive with the new core options).
FALLBACK <- c(
  region = "region",
  endpoint_url = "endpoint",
  profile = "credentials.profile",
  access_key_id = "credentials.creds.access_key_id",
  secret_access_key = "credentials.creds.secret_access_key",
  session_token = "credentials.creds.session_token",
  max_attempts = "max_retries", # paws counts retries: max_attempts - 1 (below)
  connect_timeout = "connect_timeout",
  read_timeout = "timeout",
  proxies = "proxies", # list(http = , https = )
  ca_bundle = "ca_bundle",
  verify = "verify",
  retry_mode = "retry_mode"
)

config_entries <- function() {
  entries <- FALLBACK
  table <- tryCatch(utils::getFromNamespace(".polyiam_options", "polyiam"), error = function(e) NULL)
  if (length(table)) entries[unname(table)] <- names(table) # the table is c(entry = core name)
  entries
}

set_in <- function(x, parts, value) {
  if (length(parts) == 1L) {
    x[[parts]] <- value
    return(x)
  }
  inner <- if (is.list(x[[parts[[1]]]])) x[[parts[[1]]]] else list()
  x[[parts[[1]]]] <- set_in(inner, parts[-1], value)
  x
}

r_config <- function(options) {
  entries <- config_entries()
  config <- list()
  for (core in names(options)) {
    entry <- entries[core]
    if (is.na(entry)) stop(sprintf("the R runner has no config entry for the core option %s", core))
    value <- options[[core]]
    if (core == "max_attempts" && entry == "max_retries") value <- as.integer(value) - 1L
    config <- set_in(config, strsplit(entry, ".", fixed = TRUE)[[1]], value)
  }
  config
}

# CreateAccessKey -> create_access_key (the service object's function names).
method_name <- function(operation) tolower(gsub("([a-z0-9])([A-Z])", "\\1_\\2", operation))

elapsed <- function() proc.time()[["elapsed"]]

config <- tryCatch(r_config(case$options), error = function(e) e)
outcome <- if (inherits(config, "error")) {
  list(runner_error = conditionMessage(config))
} else {
  started <- elapsed()
  out <- tryCatch(
    {
      # Construction is inside the timing and the handler: profile and CA errors may come from it.
      svc <- getExportedValue("polyiam", case$service)(config = config)
      list(ok = TRUE, result = do.call(svc[[method_name(case$call$operation)]], case$call$params))
    },
    error = function(e) {
      list(
        ok = FALSE, class = I(class(e)), code = e$code, kind = e$kind,
        message = conditionMessage(e), retry_attempts = e$retry_attempts
      )
    }
  )
  out$seconds <- elapsed() - started
  out
}
cat("\n", jsonlite::toJSON(outcome, auto_unbox = TRUE, null = "null", na = "null", POSIXt = "ISO8601", digits = NA), "\n", sep = "")
