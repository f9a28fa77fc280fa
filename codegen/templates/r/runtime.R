{{ header }}
# polyiam's R runtime (a template of the generator): builds the service object, checks arguments, runs calls through
# the Rust library and raises paws-style conditions. Nothing here is per operation: the operations
# are generated into iam.R from model/.

# The client an operation function runs on; `.polyiam_service` gives each service object's
# functions an environment where this is bound. Called directly, the package's functions see NULL.
.client <- NULL

.state <- new.env(parent = emptyenv())
.state$capture <- FALSE

# Native clients of this process by description key (see .polyiam_handle). A service object holds
# only its handle, which is plain R data: serialize(), saveRDS(), PSOCK and future workers copy the
# object, and a copy in another process rebuilds its native client from the description on first use.
.registry <- new.env(parent = emptyenv())

# The plain-data handle of native client `ptr`: its registry key, the core's portable description
# (the options that are not secret and where credentials come from; never a secret unless
# serialize_credentials) and, when the core refuses to describe it, the error a copy raises.
.polyiam_handle <- function(ptr, shown, service) {
  d <- .polyiam_unwrap(.Call(wrap__polyiam_describe, ptr, shown))
  assign(d$key, ptr, envir = .registry)
  structure(list(key = d$key, service = service, description = d$description, refused = d$refused, shown = shown), class = "polyiam_handle")
}

# The native client of a handle in this process: registered, rebuilt from the description (no I/O
# until the call), or the refusal.
.polyiam_ptr <- function(handle) {
  if (is.null(handle)) return(NULL)
  ptr <- .registry[[handle$key]]
  if (!is.null(ptr)) return(ptr)
  if (is.null(handle$description)) stop(.polyiam_condition(handle$refused))
  ptr <- .polyiam_unwrap(.Call(wrap__polyiam_from_description, handle$description))
  assign(handle$key, ptr, envir = .registry)
  ptr
}

# A condition of class c(<class>, "polyiam_error", "error", "condition") carrying the core's fields.
.polyiam_condition <- function(info) {
  kind <- info$kind
  first <- if (identical(kind, "service")) {
    if (!is.null(info$shape)) info$shape else if (nzchar(info$code)) info$code else "polyiam_service_error"
  } else if (kind %in% names(.polyiam_kind_classes)) {
    # Configuration errors are bad input too, as in the other languages.
    c(.polyiam_kind_classes[[kind]], if (identical(kind, "config")) .polyiam_kind_classes[["validation"]])
  } else {
    "polyiam_internal_error"
  }
  status_code <- if (is.null(info$http_status)) integer(0) else info$http_status
  error_response <- .polyiam_error_response(info)
  cond <- structure(
    class = unique(c(first, "polyiam_error", .polyiam_paws_classes(status_code), "error", "condition")),
    list(
      message = info$display,
      call = NULL,
      code = info$code,
      request_id = if (is.null(info$request_id)) character(0) else info$request_id,
      status_code = status_code,
      kind = kind,
      operation = info$operation,
      fault = info$fault,
      retry_attempts = info$retry_attempts,
      total_retry_delay_ms = info$total_retry_delay_ms,
      headers = info$http_headers,
      outcome_unknown = info$outcome_unknown,
      issues = info$issues,
      error_response = error_response
    )
  )
  if (length(status_code)) {
    # paws.common's aws_error() also sets these two as attributes.
    attr(cond, "status_code") <- status_code
    attr(cond, "error_response") <- error_response
  }
  cond
}

# paws's condition classes for an error with an HTTP status (paws.common's aws_error()):
# "paws_error", "http_<status>", "http_<status class>", "http_error". Errors without a response
# (validation, transport, timeouts) get none, as paws raises no paws_error for them.
.polyiam_paws_classes <- function(status_code) {
  if (!length(status_code) || is.na(status_code)) {
    return(character(0))
  }
  c("paws_error", paste0("http_", unique(c(status_code, (status_code %/% 100L) * 100L, "error"))))
}

# paws's error_response: the <Error> element's children by name (Type, Code, Message for IAM);
# for errors without one, Code and Message only.
.polyiam_error_response <- function(info) {
  # A constraint IAM checks, refused before sending, reads as IAM's own ValidationError answer.
  if (identical(info$kind, "service") || identical(info$code, "ValidationError")) {
    return(list(Type = if (identical(info$fault, "server")) "Receiver" else "Sender", Code = info$code, Message = info$message))
  }
  list(Code = info$code, Message = info$message)
}

# A validation error found in R, before anything reaches the Rust library.
.polyiam_validation_error <- function(message, operation = NULL, path = "", rule = "type") {
  .polyiam_condition(list(
    kind = "validation", code = "ParamValidation", shape = NULL,
    message = message, display = paste0("Parameter validation failed:\n  ", message),
    operation = operation, request_id = NULL, http_status = NULL, fault = "client",
    retry_attempts = 0L, total_retry_delay_ms = 0L, http_headers = list(), outcome_unknown = FALSE,
    issues = list(list(path = path, rule = rule, detail = message))
  ))
}

# The value of a `list(ok = , value = | error = )` answer from the Rust library, or the condition.
.polyiam_unwrap <- function(res) {
  if (isTRUE(res$ok)) {
    return(res$value)
  }
  if (identical(res$error$kind, "cancelled")) .polyiam_interrupt(res$error)
  stop(.polyiam_condition(res$error))
}

# The user interrupted R (Ctrl-C, Esc) while a call waited in the Rust library. The library took
# the interrupt there (an R jump must not cross Rust frames) and dropped the request; here it is
# raised again as R itself does: an `interrupt` condition for handlers
# (tryCatch(..., interrupt = )), then back to the top level. `outcome_unknown` says whether a
# request that changes something had already been sent.
.polyiam_interrupt <- function(info) {
  signalCondition(structure(
    class = c("interrupt", "condition"),
    list(message = info$display, call = NULL, operation = info$operation, outcome_unknown = info$outcome_unknown)
  ))
  invokeRestart("abort")
}

.polyiam_scalar_or_null <- function(x, what, type = c("character", "number", "logical")) {
  type <- match.arg(type)
  ok <- is.null(x) || (length(x) == 1L && !is.na(x) && !is.factor(x) && switch(type,
    character = is.character(x),
    number = is.numeric(x),
    logical = is.logical(x)
  ))
  if (!ok) {
    stop(.polyiam_validation_error(sprintf("%s must be a single %s value or NULL", what, type), path = what))
  }
  x
}

# The paws config list (config = list(credentials = list(creds = list(...), profile = ), endpoint =,
# region = , ...)) plus paws's shorthand arguments, checked and handed to the Rust library.
.polyiam_service <- function(service, operations, config = list(), credentials = list(), endpoint = NULL, region = NULL) {
  if (is.null(config)) config <- list()
  if (!is.list(config)) stop(.polyiam_validation_error("config must be a list", path = "config"))
  if (length(credentials)) config$credentials <- credentials
  if (!is.null(endpoint)) config$endpoint <- endpoint
  if (!is.null(region)) config$region <- region
  paths <- strsplit(names(.polyiam_options), ".", fixed = TRUE)
  known <- unique(c(
    vapply(paths, `[[`, "", 1L),
    # paws settings with no effect on IAM calls here: accepted so paws scripts run unchanged.
    "close_connection", "s3_force_path_style", "sts_regional_endpoint", "signature_version",
    "disable_rest_protocol_uri_cleaning"
  ))
  unknown <- setdiff(names(config), known)
  if (length(unknown) || (length(config) && is.null(names(config)))) {
    stop(.polyiam_validation_error(
      sprintf("unknown config setting(s): %s; known: %s", paste(unknown, collapse = ", "), paste(known, collapse = ", ")),
      path = "config"
    ))
  }
  if (!is.null(config$credentials) && !is.list(config$credentials)) {
    stop(.polyiam_validation_error("config$credentials must be a list", path = "config$credentials"))
  }
  if (isTRUE(config$credentials$anonymous)) {
    stop(.polyiam_validation_error("anonymous credentials are not supported for IAM", path = "config$credentials$anonymous"))
  }
  if (!is.null(config$credentials$creds) && !is.list(config$credentials$creds)) {
    stop(.polyiam_validation_error("config$credentials$creds must be a list", path = "config$credentials$creds"))
  }
  # The core's options (model/options.json, by .polyiam_options in boundary.R) and how the caller
  # wrote each one; the core checks every value. An empty string means "not set", as in paws.
  options <- .polyiam_option_defaults
  shown <- list()
  for (i in seq_along(paths)) {
    value <- Reduce(function(x, part) if (is.list(x)) x[[part]] else NULL, paths[[i]], config)
    core <- .polyiam_options[[i]]
    shown[[core]] <- paste(c("config", paths[[i]]), collapse = "$")
    blank <- is.character(value) && length(value) == 1L && !is.na(value) && !nzchar(value)
    if (!is.null(value) && !blank) options[[core]] <- value
  }
  res <- .Call(wrap__polyiam_connect, service, options, shown)
  .polyiam_bind(operations, .polyiam_handle(.polyiam_unwrap(res), shown, service))
}

# The service object: the operation functions bound to `client`, plus `in_regions()`, which
# returns the same object for several regions (a character vector, or "*" for every region of
# the client's partition); each call then returns a list named by region, and regions served by
# one endpoint share one call (IAM has one endpoint per partition).
.polyiam_bind <- function(operations, client) {
  env <- new.env(parent = environment(.polyiam_service))
  env$.client <- client
  svc <- lapply(operations, function(f) {
    environment(f) <- env
    f
  })
  # The service's waiters (e.g. "user_exists"): polls the operation until the resource exists, for
  # at most `max_wait` seconds, then signals a polyiam_waiter_error; returns the last poll's result.
  svc$wait_until <- function(waiter, ..., max_wait = 20) {
    params <- list(...)
    if (length(params) && (is.null(names(params)) || !all(nzchar(names(params))))) {
      stop(.polyiam_validation_error("wait_until() takes the operation's parameters by name", path = "..."))
    }
    invisible(.polyiam_unwrap(.Call(wrap__polyiam_wait, .polyiam_ptr(.client), waiter, params, max_wait)))
  }
  svc$in_regions <- function(regions) {
    if (!is.character(regions) || !length(regions) || anyNA(regions)) {
      stop(.polyiam_validation_error("regions must be a character vector of region names, or \"*\"", path = "regions"))
    }
    ptr <- .polyiam_unwrap(.Call(wrap__polyiam_in_regions, .polyiam_ptr(.client), as.list(regions)))
    operations <- get(sprintf(".%s_operations", .client$service), mode = "function")()
    .polyiam_bind(operations, .polyiam_handle(ptr, .client$shown, .client$service))
  }
  # Every function of the object shares one environment that holds only the handle, so a copy
  # (serialize(), a worker's task) carries each operation once and nothing else.
  environment(svc$wait_until) <- env
  environment(svc$in_regions) <- env
  svc
}

# Runs one operation: `params` are the model's members (NULL = left out), `extra` whatever else
# the caller passed (an error). Named, non-NULL extras go to the core, which reports them as
# "unknown" members together with every other problem of the call (as in the other bindings);
# unnamed or NULL extras are refused here. Under `paginate()` it returns the request instead of
# sending it.
.polyiam_operation <- function(client, operation, method, params, extra) {
  # The common case (no capture, no extras) costs a few lookups: this runs on every call.
  capture <- .state$capture
  if (capture) .state$capture <- FALSE
  if (length(extra)) .polyiam_check_extra(operation, method, params, extra)
  if (is.null(client)) {
    stop(.polyiam_validation_error(
      sprintf("call %s through a service object: svc <- polyiam::iam(); svc$%s(...)", method, method),
      operation = operation
    ))
  }
  # Members left NULL stay in the list: the library leaves them out (cheaper than filtering here).
  if (length(extra)) params <- c(params, extra)
  if (capture) {
    params <- params[!vapply(params, is.null, NA)]
    return(structure(list(client = client, operation = operation, params = params), class = "polyiam_request"))
  }
  .polyiam_unwrap(.Call(wrap__polyiam_call, .polyiam_ptr(client), operation, params))
}

# Extras must be named, distinct and not NULL (named ones then go to the core, which reports
# unknown members with every other problem of the call).
.polyiam_check_extra <- function(operation, method, params, extra) {
  nms <- names(extra)
  if (is.null(nms)) nms <- rep("", length(extra))
  if (!all(nzchar(nms)) || anyDuplicated(nms) || any(vapply(extra, is.null, logical(1)))) {
    shown <- ifelse(nzchar(nms), nms, sprintf("<unnamed argument %d>", seq_along(extra)))
    stop(.polyiam_validation_error(
      sprintf(
        "unknown argument(s) to %s: %s; its arguments are: %s",
        method, paste(shown, collapse = ", "),
        if (length(params)) paste(names(params), collapse = ", ") else "(none)"
      ),
      operation = operation, path = shown[[1]], rule = "unknown"
    ))
  }
}

# Pages of a paginated operation, like paws.common::paginate(). The core stops when the service
# repeats a token, so StopOnSameToken (paws's switch for that) is accepted and always in effect.
paginate <- function(Operation, PageSize = NULL, MaxItems = NULL, StartingToken = NULL, StopOnSameToken = FALSE) {
  .polyiam_each_page(Operation, identity, PageSize, MaxItems, StartingToken)
}

# paws.common::paginate_lapply(): FUN applied to each page as it arrives; a list of the results.
paginate_lapply <- function(Operation, FUN, ..., PageSize = NULL, MaxItems = NULL, StartingToken = NULL, StopOnSameToken = FALSE) {
  FUN <- match.fun(FUN)
  .polyiam_each_page(Operation, function(page) FUN(page, ...), PageSize, MaxItems, StartingToken)
}

# paws.common::paginate_sapply(): as paginate_lapply(), simplified as sapply() does.
paginate_sapply <- function(Operation, FUN, ..., simplify = TRUE, PageSize = NULL, MaxItems = NULL, StartingToken = NULL, StopOnSameToken = FALSE) {
  FUN <- match.fun(FUN)
  result <- .polyiam_each_page(Operation, function(page) FUN(page, ...), PageSize, MaxItems, StartingToken)
  if (!isFALSE(simplify) && length(result)) simplify2array(result, higher = (simplify == "array")) else result
}

# The pages of `Operation` (an unevaluated operation call, captured instead of run), each given to `each`.
.polyiam_each_page <- function(Operation, each, PageSize, MaxItems, StartingToken) {
  .state$capture <- TRUE
  on.exit(.state$capture <- FALSE, add = TRUE)
  request <- Operation
  .state$capture <- FALSE
  if (!inherits(request, "polyiam_request")) {
    stop(.polyiam_validation_error(
      "paginate() takes an operation call, e.g. paginate(svc$list_access_keys(UserName = \"bob\"))",
      path = "Operation"
    ))
  }
  pages <- .polyiam_unwrap(.Call(
    wrap__polyiam_pages, .polyiam_ptr(request$client), request$operation, request$params,
    .polyiam_scalar_or_null(MaxItems, "MaxItems", "number"),
    .polyiam_scalar_or_null(PageSize, "PageSize", "number"),
    .polyiam_scalar_or_null(StartingToken, "StartingToken", "character")
  ))
  result <- list()
  repeat {
    page <- .polyiam_unwrap(.Call(wrap__polyiam_next_page, pages))
    if (is.null(page)) break
    result[[length(result) + 1L]] <- each(page)
  }
  result
}

# For tests: a Rust panic must arrive as an R condition, never crash R.
.polyiam_force_panic_for_tests <- function() {
  .polyiam_unwrap(.Call(wrap__polyiam_force_panic_for_tests))
}
