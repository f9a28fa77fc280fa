# Clients that travel to workers (issue 20): a service object is plain R data (its operations and a
# handle holding the core's portable description), so serialize(), saveRDS() + a new session, PSOCK
# clusters, future (with future.globals.onReference = "error"), furrr and callr run it. Every worker
# calls moto on loopback with credentials from its own environment; the bytes that travel hold no
# secret unless the client opted in with serialize_credentials = TRUE.

sentinel <- "polyiam-sentinel-secret-r-5f2b9c"

# The environment the workers inherit: keys only there, the secret a sentinel.
with_env_keys <- function(env = parent.frame()) {
  withr::local_envvar(c(AWS_ACCESS_KEY_ID = "AKIDTRAVELR", AWS_SECRET_ACCESS_KEY = sentinel, AWS_SESSION_TOKEN = NA), .local_envir = env)
}

env_client <- function(url) {
  polyiam::iam(config = list(endpoint = url, region = "us-east-1"))
}

# Whether serialized bytes hold `text` (compared as bytes: the stream is no string in any locale).
holds <- function(bytes, text) grepl(text, rawToChar(bytes[bytes != 0]), fixed = TRUE, useBytes = TRUE)

travels_without_secret <- function(svc) {
  bytes <- serialize(svc, NULL)
  expect_false(holds(bytes, sentinel))
  expect_true(holds(bytes, "GetUser"))  # strings of the object are visible to the check
  bytes
}

get_name <- function(svc, user) svc$get_user(UserName = user)$User$UserName

test_that("serialize() and saveRDS() copies work, here and in a new R session, and carry no secret", {
  url <- moto_url()
  with_env_keys()
  svc <- env_client(url)
  user <- unique_user("travel")
  svc$create_user(UserName = user)
  on.exit(try(svc$delete_user(UserName = user), silent = TRUE), add = TRUE)

  bytes <- travels_without_secret(svc)
  expect_lte(length(bytes), 64 * 1024)  # 328 kB before the handle; paws's iam(): 677 kB
  expect_identical(get_name(unserialize(bytes), user), user)

  rds <- withr::local_tempfile(fileext = ".rds")
  saveRDS(svc, rds)
  out <- processx::run(file.path(R.home("bin"), "Rscript"), c("-e", sprintf("svc <- readRDS(%s); cat(svc$get_user(UserName = %s)$User$UserName)", deparse(rds), deparse(user))), error_on_status = FALSE)
  expect_identical(out$status, 0L, info = out$stderr)
  expect_identical(out$stdout, user)
})

test_that("a PSOCK cluster, future multisession (strict globals), furrr and callr run the client", {
  url <- moto_url()
  with_env_keys()
  svc <- env_client(url)
  user <- unique_user("travel")
  svc$create_user(UserName = user)
  on.exit(try(svc$delete_user(UserName = user), silent = TRUE), add = TRUE)
  travels_without_secret(svc)

  cl <- parallel::makePSOCKcluster(2)
  on.exit(parallel::stopCluster(cl), add = TRUE)
  expect_identical(unlist(parallel::clusterCall(cl, get_name, svc, user)), c(user, user))
  expect_identical(unlist(parallel::parLapply(cl, 1:2, function(i, svc, user) svc$get_user(UserName = user)$User$UserName, svc, user)), c(user, user))

  skip_if_not_installed("future")
  withr::local_options(future.globals.onReference = "error")
  oplan <- future::plan(future::multisession, workers = 2)
  on.exit(future::plan(oplan), add = TRUE)
  f <- future::future(svc$get_user(UserName = user)$User$UserName, seed = NULL)
  expect_identical(future::value(f), user)

  skip_if_not_installed("furrr")
  # The mapped function made where only the client and the user name are (not beside the PSOCK
  # cluster's connections, which future refuses to export).
  fn <- local(function(i) svc$get_user(UserName = user)$User$UserName, list2env(list(svc = svc, user = user), parent = globalenv()))
  expect_identical(unlist(furrr::future_map(1:2, fn)), c(user, user))

  skip_if_not_installed("callr")
  expect_identical(callr::r(function(svc, user) svc$get_user(UserName = user)$User$UserName, list(svc, user)), user)
})

test_that("credentials written in code never travel: the copy's first call fails, unless opted in", {
  url <- moto_url()
  user <- unique_user("travel")
  creds <- list(creds = list(access_key_id = "AKIDINCODER", secret_access_key = sentinel))
  inline <- polyiam::iam(config = list(credentials = creds, endpoint = url, region = "us-east-1"))
  inline$create_user(UserName = user)
  on.exit(try(inline$delete_user(UserName = user), silent = TRUE), add = TRUE)

  bytes <- travels_without_secret(inline)
  expect_identical(get_name(unserialize(bytes), user), user)  # this process: the same client
  skip_if_not_installed("callr")
  e <- tryCatch(callr::r(function(svc, user) svc$get_user(UserName = user), list(inline, user)), error = function(e) e)
  parent <- if (!is.null(e$parent)) e$parent else e
  expect_match(conditionMessage(parent), "copied from another R process", fixed = TRUE)
  expect_match(conditionMessage(parent), "config$credentials$profile", fixed = TRUE)
  expect_match(conditionMessage(parent), "serialize_credentials", fixed = TRUE)
  expect_false(grepl(sentinel, conditionMessage(parent), fixed = TRUE))

  opted <- polyiam::iam(config = list(credentials = creds, endpoint = url, region = "us-east-1", serialize_credentials = TRUE))
  bytes <- serialize(opted, NULL)
  expect_true(holds(bytes, sentinel))  # the opt-in really ships it
  expect_identical(callr::r(function(svc, user) svc$get_user(UserName = user)$User$UserName, list(opted, user)), user)
})
