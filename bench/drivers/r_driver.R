#!/usr/bin/env Rscript
# Benchmark driver for an R IAM client: polyiam (bindings-r) or paws. Same protocol as
# python_driver.py:
#
#   Rscript r_driver.R --client polyiam|paws --endpoint URL [--calls N] [--warmup W]
#                      [--moto] [--user NAME] [--cold] [--lib DIR]
#
# Loads the package, builds a client, makes the first call, then (unless --cold) W untimed and N timed
# create_access_key calls, and prints one JSON object on stdout: {client, calls, mean_ms, p50_ms, p90_ms,
# p99_ms, min_ms, t_import_s, t_client_s, t_first_s, peak_rss_mb} (the *_ms null with --cold). --moto:
# create the user first and delete each key right after its (timed) creation. --lib: a library
# searched first (bench/run.sh installs the release build of polyiam into bench/.R-library).
# Both packages take the same paws-style config list and have the same method names, so the only
# difference between the two clients is the package name (paws: `paws`, or `paws.security.identity`
# when only that is installed). Base R only (no jsonlite) so that the cold
# start measures the client, not the driver.

args <- commandArgs(trailingOnly = TRUE)
opt <- list(client = NULL, endpoint = NULL, calls = 2000L, warmup = 200L, moto = FALSE,
            user = "bench-r", cold = FALSE, lib = NULL)
i <- 1L
while (i <= length(args)) {
  k <- args[[i]]
  if (k %in% c("--moto", "--cold")) {
    opt[[substring(k, 3L)]] <- TRUE
  } else if (k %in% c("--client", "--endpoint", "--calls", "--warmup", "--user", "--lib")) {
    if (i == length(args)) stop(k, " needs a value")
    i <- i + 1L
    v <- args[[i]]
    opt[[substring(k, 3L)]] <- if (k %in% c("--calls", "--warmup")) as.integer(v) else v
  } else {
    stop("unknown argument ", k)
  }
  i <- i + 1L
}
if (is.null(opt$client) || !opt$client %in% c("polyiam", "paws")) stop("--client polyiam|paws is required")
if (is.null(opt$endpoint)) stop("--endpoint is required")
if (!is.null(opt$lib)) .libPaths(c(opt$lib, .libPaths()))

# This process's peak RSS in MB (VmHWM).
peak_rss_mb <- function() {
  st <- tryCatch(readLines("/proc/self/status"), error = function(e) character(0))
  hwm <- grep("^VmHWM:", st, value = TRUE)
  if (length(hwm) == 0L) return(NA_real_)
  as.numeric(strsplit(trimws(sub("^VmHWM:", "", hwm[[1L]])), "[[:space:]]+")[[1L]][[1L]]) / 1024
}

clock <- function() as.numeric(Sys.time())

config <- list(
  credentials = list(creds = list(access_key_id = "testing", secret_access_key = "testing")),
  endpoint = opt$endpoint,
  region = "us-east-1"
)

t0 <- clock()
# As a user writes `polyiam::iam(...)` / `paws::iam(...)`: loads the namespace (and its dependencies).
# paws's IAM client is in paws.security.identity (what the umbrella package `paws` re-exports):
# the umbrella when it is installed, else the category package alone (../shared/peers has that).
package <- if (opt$client == "paws" && !requireNamespace("paws", quietly = TRUE)) "paws.security.identity" else opt$client
ns <- loadNamespace(package)
t1 <- clock()
svc <- getExportedValue(ns, "iam")(config = config)
t2 <- clock()

if (opt$moto && !opt$cold) {
  tryCatch(svc$create_user(UserName = opt$user), error = function(e) {
    if (!grepl("EntityAlreadyExists", conditionMessage(e)) && !inherits(e, "EntityAlreadyExistsException")) stop(e)
  })
}

user <- opt$user
moto <- opt$moto
# Called as `svc$create_access_key(...)`, the way users write it: paws finds its client's config
# from that call expression (a method taken out of `svc` first would run with the defaults).
run <- function(n) {
  times <- numeric(n)
  for (j in seq_len(n)) {
    t <- clock()
    out <- svc$create_access_key(UserName = user)
    times[[j]] <- (clock() - t) * 1000
    if (moto) svc$delete_access_key(UserName = user, AccessKeyId = out$AccessKey$AccessKeyId)
  }
  times
}

t3 <- clock()
invisible(run(1L))
t_first <- clock() - t3
calls <- if (opt$cold) 0L else opt$calls
if (!opt$cold) invisible(run(opt$warmup))
ms <- sort(run(calls))
pick <- function(q) if (length(ms)) ms[[round((length(ms) - 1) * q) + 1L]] else NULL

num <- function(x) if (is.null(x) || is.na(x)) "null" else format(x, digits = 15, scientific = FALSE)
fields <- list(
  client = sprintf("\"%s\"", opt$client),
  calls = as.character(calls),
  mean_ms = num(if (length(ms)) mean(ms) else NULL),
  p50_ms = num(pick(0.5)),
  p90_ms = num(pick(0.9)),
  p99_ms = num(pick(0.99)),
  min_ms = num(if (length(ms)) ms[[1L]] else NULL),
  t_import_s = num(t1 - t0),
  t_client_s = num(t2 - t1),
  t_first_s = num(t_first),
  peak_rss_mb = num(peak_rss_mb())
)
cat("{", paste(sprintf("\"%s\": %s", names(fields), unlist(fields)), collapse = ", "), "}\n", sep = "")
