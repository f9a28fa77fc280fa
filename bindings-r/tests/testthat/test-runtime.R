# The core's runtime under R's ways of running code: forked workers (parallel::mclapply), the user's
# interrupt (Ctrl-C / Esc, SIGINT), and read retries (tests/scenarios/runtime.json). Forks and
# interrupts run in a child Rscript under a timeout, so nothing here can hang the suite.

rscript <- function() file.path(R.home("bin"), "Rscript")

# Runs R `code` in a child Rscript (same library path and environment), under a timeout.
run_child <- function(code, timeout) {
  script <- tempfile(fileext = ".R")
  writeLines(code, script)
  on.exit(unlink(script))
  processx::run(rscript(), script, timeout = timeout, error_on_status = FALSE)
}

test_that("mclapply workers call through a client made before the fork, and through fresh ones", {
  url <- moto_url()
  fork <- scenario("runtime")$fork
  user <- unique_user("fork")
  svc <- client_for(url)
  svc$create_user(UserName = user)
  code <- sprintf('
    library(polyiam)
    url <- "%s"; user <- "%s"
    mk <- function() iam(config = list(endpoint = url, region = "us-east-1",
      credentials = list(creds = list(access_key_id = "testing", secret_access_key = "testing"))))
    svc <- mk()
    stopifnot(identical(svc$get_user(UserName = user)$User$UserName, user))  # live before the fork
    res <- parallel::mclapply(seq_len(%d), function(i) {
      key <- svc$create_access_key(UserName = user)$AccessKey
      svc$delete_access_key(UserName = user, AccessKeyId = key$AccessKeyId)
      fresh <- mk()$get_user(UserName = user)$User$UserName
      c(pid = Sys.getpid(), inherited = key$UserName, fresh = fresh)
    }, mc.cores = %d)
    for (r in res) cat(if (inherits(r, "try-error")) paste("ERROR", r) else paste(r, collapse = " "), "\\n")
    cat("parent", svc$get_user(UserName = user)$User$UserName, "\\n")
  ', url, user, fork$tasks, fork$workers)
  out <- run_child(code, timeout = fork$timeout_seconds)
  expect_false(out$timeout, label = "the mclapply run finished")
  expect_identical(out$status, 0L, label = paste("the child R's exit status; stderr:", out$stderr))
  lines <- strsplit(trimws(out$stdout), "\n")[[1]]
  workers <- grep("^[0-9]+ ", lines, value = TRUE)
  expect_length(workers, fork$tasks)
  for (w in workers) expect_identical(strsplit(trimws(w), " ")[[1]][-1], c(user, user))
  pids <- vapply(strsplit(workers, " "), `[[`, "", 1L)
  expect_gte(length(unique(pids)), 1L)
  expect_true(any(grepl(paste("parent", user), lines, fixed = TRUE)), label = "the parent's client works after the fork")
  expect_length(svc$list_access_keys(UserName = user)$AccessKeyMetadata, 0L)
})

test_that("Ctrl-C (SIGINT) interrupts a waiting call as an R interrupt condition", {
  interrupt <- scenario("runtime")$interrupt
  for (case in interrupt$cases) {
    user <- unique_user("int")
    code <- sprintf('
      library(polyiam)
      svc <- iam(config = list(endpoint = "%s", region = "us-east-1", timeout = %s,
        credentials = list(creds = list(access_key_id = "testing", secret_access_key = "testing"))))
      cat("calling\\n")
      r <- tryCatch(svc$%s(UserName = "%s"), interrupt = function(e) {
        cat("interrupted", isTRUE(e$outcome_unknown), "\\n")
        cat("message:", conditionMessage(e), "\\n")
        "interrupted"
      })
      cat("after", r, "\\n")
    ', fault_url(interrupt$fault), interrupt$read_timeout, polyiam_method(case$operation), user)
    script <- tempfile(fileext = ".R")
    writeLines(code, script)
    p <- processx::process$new(rscript(), script, stdout = "|", stderr = "|")
    out <- character(0)
    deadline <- Sys.time() + 30
    while (!any(grepl("calling", out)) && Sys.time() < deadline && p$is_alive()) {
      p$poll_io(200)
      out <- c(out, p$read_output_lines())
    }
    expect_true(any(grepl("calling", out)), label = "the child started its call")
    Sys.sleep(interrupt$signal_after_seconds)
    signalled <- Sys.time()
    p$interrupt()
    p$wait(interrupt$read_timeout * 1000)
    took <- as.numeric(difftime(Sys.time(), signalled, units = "secs"))
    if (p$is_alive()) p$kill()
    out <- c(out, p$read_all_output_lines())
    unlink(script)
    cat(sprintf("%s: interrupted %.0f ms after SIGINT\n", case$operation, took * 1000))
    expect_lt(took, interrupt$bound_seconds)
    expect_true(any(grepl(paste("interrupted", case$outcome_unknown), out)), label = paste(out, collapse = "\n"))
    expect_true(any(grepl("after interrupted", out, fixed = TRUE)), label = "the handler's value is the call's value")
    expect_identical(fault_requests(case$operation, user), 1L, label = "the request was sent once, not retried")
  }
})

test_that("reads are retried after a 5xx or a timeout; writes are not", {
  svc <- client_for(moto_url())
  for (case in scenario("runtime")$read_retries) {
    user <- unique_user("retry")
    svc$create_user(UserName = user)
    config <- list(
      credentials = list(creds = list(access_key_id = "testing", secret_access_key = "testing")),
      endpoint = fault_url(case$fault), region = "us-east-1", timeout = if (is.null(case$read_timeout)) 2 else case$read_timeout
    )
    flaky <- polyiam::iam(config = config)
    call <- flaky[[polyiam_method(case$operation)]]
    if (isTRUE(case$retried)) {
      expect_type(call(UserName = user), "list")
      expect_identical(fault_requests(case$operation, user), 2L, label = paste(case$operation, "was sent twice"))
    } else {
      err <- tryCatch(call(UserName = user), ServiceFailureException = function(e) e)
      expect_s3_class(err, "ServiceFailureException")
      expect_true(err$outcome_unknown)
      expect_identical(err$retry_attempts, 0L)
      expect_identical(fault_requests(case$operation, user), 1L)
      expect_length(svc$list_access_keys(UserName = user)$AccessKeyMetadata, 0L)
    }
  }
})

test_that("a read that keeps failing is retried and does not speak of being applied", {
  failing <- polyiam::iam(config = list(
    credentials = list(creds = list(access_key_id = "testing", secret_access_key = "testing")),
    endpoint = fault_url("service-failure"), region = "us-east-1", max_retries = 1
  ))
  err <- tryCatch(failing$get_user(UserName = "x"), ServiceFailureException = function(e) e)
  expect_s3_class(err, "ServiceFailureException")
  expect_identical(err$retry_attempts, 1L)
  expect_false(err$outcome_unknown)
  expect_false(grepl("applied", conditionMessage(err)))
})
