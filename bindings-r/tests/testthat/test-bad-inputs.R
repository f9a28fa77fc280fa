# The shared bad-input corpus (tests/scenarios/bad_inputs.json) plus R-only garbage: every case is a
# polyiam_validation_error whose `issues` (list of list(path, rule, detail), in the core's order)
# name the member path and rule, raised before anything is sent. The client points at a closed port:
# a request would arrive as a polyiam_transport_error instead.

offline <- function() client_for("http://127.0.0.1:9")


# {"$repeat": s, "count": n} stands for s repeated n times, anywhere in the input.
expand <- function(v) {
  if (is.list(v) && !is.null(v[["$repeat"]])) return(strrep(v[["$repeat"]], v$count))
  if (is.list(v)) {
    out <- lapply(v, expand)
    # lapply drops nothing, but keep JSON objects with no members as named lists.
    if (!is.null(names(v))) names(out) <- names(v)
    return(out)
  }
  v
}

issue_pairs <- function(e) lapply(e$issues, function(i) list(i$path, i$rule))

catch_any <- function(expr) tryCatch(expr, condition = function(e) e)

expect_issues <- function(e, expected, label) {
  # A constraint IAM checks reads as IAM's 400 answer too (paws's classes for it).
  http <- if (identical(e$code, "ValidationError")) c("paws_error", "http_400", "http_error")
  expect_identical(class(e), c("polyiam_validation_error", "polyiam_error", http, "error", "condition"), label = label)
  expect_identical(issue_pairs(e), lapply(expected, function(p) list(p[[1]], p[[2]])), label = label)
  for (i in e$issues) {
    expect_true(is.character(i$detail) && length(i$detail) == 1L && nzchar(i$detail), label = paste(label, "detail"))
  }
}

# Cases whose JSON form means something else in R, with what an R user gets instead. Every other
# case must give exactly the corpus's issues.
r_exceptions <- list(
  # paws semantics: an argument given as NULL is "not given". CreateAccessKey's UserName is
  # optional (it defaults to the caller's user), so the call is valid and is sent: against the
  # closed port that is a transport error, not a validation error.
  "user name null" = function(svc, case) {
    e <- catch_any(svc$create_access_key(UserName = NULL))
    expect_s3_class(e, "polyiam_transport_error")
  },
  # NULL = not given, so a required member given as NULL is reported as missing ("required"),
  # where JSON null is the wrong type ("type").
  "last used with a null key id" = function(svc, case) {
    e <- catch_any(svc$get_access_key_last_used(AccessKeyId = NULL))
    expect_issues(e, list(list("AccessKeyId", "required")), case$name)
  },
  # R strings cannot contain NUL: jsonlite silently truncates "a\u0000b" to "a" (a valid name, so
  # the corpus value must not be used as is) and R itself refuses to build such a string. The
  # nearest R value, a raw vector with a 0 byte, is a blob: the wrong type for a name.
  "user name with a NUL" = function(svc, case) {
    expect_error(rawToChar(as.raw(c(0x61, 0x00, 0x62))), "embedded nul")
    e <- catch_any(svc$create_access_key(UserName = as.raw(c(0x61, 0x00, 0x62))))
    expect_issues(e, list(list("UserName", "type")), case$name)
  }
)

test_that("the shared bad_inputs.json corpus is rejected before sending, with the core's issues", {
  skip_without_harness()
  corpus <- scenario("bad_inputs")
  expect_gte(length(corpus$cases), 40L)
  names_seen <- vapply(corpus$cases, function(c) c$name, "")
  # Every exception names a real case (a renamed case must not silently lose its check).
  expect_true(all(names(r_exceptions) %in% names_seen))
  svc <- offline()
  for (case in corpus$cases) {
    if (!is.null(r_exceptions[[case$name]])) {
      r_exceptions[[case$name]](svc, case)
      next
    }
    fn <- svc[[polyiam_method(case$operation)]]
    expect_true(is.function(fn), label = paste(case$name, ": svc$", polyiam_method(case$operation)))
    args <- expand(case$input)
    e <- catch_any(do.call(fn, args))
    expect_issues(e, case$expect, case$name)
    expect_identical(e$operation, case$operation, label = case$name)
    for (p in case$expect) expect_match(conditionMessage(e), p[[1]], fixed = TRUE, label = case$name)
  }
})

test_that("R-typed versions of the corpus's numbers and vectors give the same issues", {
  svc <- offline()
  # integers and doubles are both numbers; a whole double fills an integer member.
  expect_issues(catch_any(svc$list_access_keys(MaxItems = 0L)), list(list("MaxItems", "range")), "0L")
  expect_issues(catch_any(svc$list_access_keys(MaxItems = 2^40)), list(list("MaxItems", "range")), "2^40")
  expect_issues(catch_any(svc$list_access_keys(MaxItems = 10.5)), list(list("MaxItems", "type")), "10.5")
  expect_issues(catch_any(svc$list_access_keys(MaxItems = TRUE)), list(list("MaxItems", "type")), "TRUE")
  expect_issues(catch_any(svc$list_access_keys(MaxItems = "10")), list(list("MaxItems", "type")), "\"10\"")
  expect_issues(catch_any(svc$create_access_key(UserName = 42L)), list(list("UserName", "type")), "42L")
  expect_issues(catch_any(svc$create_access_key(UserName = 1.5)), list(list("UserName", "type")), "1.5")
  # An atomic vector can't stand for a list of structures: the wrong type as a whole.
  expect_issues(catch_any(svc$create_user(UserName = "u", Tags = "k=v")), list(list("Tags", "type")), "Tags string")
  expect_issues(catch_any(svc$create_user(UserName = "u", Tags = c("a", "b"))), list(list("Tags", "type")), "Tags c()")
  # Paths index lists from 0, as in the core and every other binding.
  expect_issues(
    catch_any(svc$create_user(UserName = "u", Tags = list(list(Key = "k", Value = "v"), list(Key = "k2", Value = NA)))),
    list(list("Tags[1].Value", "type")), "NA in the second tag"
  )
})

test_that("unknown arguments are reported with the call's other problems; unnamed or NULL ones are refused in R", {
  svc <- offline()
  e <- catch_any(svc$get_user(Foo = "bar", Bar = 1))
  expect_issues(e, list(list("Foo", "unknown"), list("Bar", "unknown")), "two unknown")
  e <- catch_any(svc$get_user(Foo = NULL))
  expect_issues(e, list(list("Foo", "unknown")), "unknown NULL")
  expect_match(conditionMessage(e), "its arguments are: UserName", fixed = TRUE)
  e <- catch_any(svc$get_user("a", "b"))
  expect_issues(e, list(list("<unnamed argument 1>", "unknown")), "unnamed")
  e <- catch_any(svc$get_user(Foo = 1, Foo = 2))
  expect_issues(e, list(list("Foo", "unknown")), "twice")
})

test_that("R-level garbage is a clear validation error naming the member", {
  svc <- offline()
  check <- function(value, fragment, label) {
    e <- catch_any(svc$create_access_key(UserName = value))
    expect_issues(e, list(list("UserName", "type")), label)
    expect_match(conditionMessage(e), "UserName", fixed = TRUE, label = label)
    expect_match(conditionMessage(e), fragment, fixed = TRUE, label = label)
  }
  check(NA, "NA", "NA")
  check(NA_character_, "NA", "NA_character_")
  check(NA_integer_, "NA", "NA_integer_")
  check(NA_real_, "NA", "NA_real_")
  check(NaN, "NA", "NaN")
  check(Inf, "infinite", "Inf")
  check(character(0), "length", "character(0)")
  check(c("a", "b"), "length 2", "length 2")
  check(factor("bob"), "factor", "factor")
  check(list("bob"), "UserName", "list")
  check(list(x = "bob"), "UserName", "named list")
  check(as.raw(1:3), "UserName", "raw")
  check(sum, "function", "function")
  check(new.env(), "environment", "environment")
  check(quote(x), "symbol", "symbol")
  check(quote(f(x)), "call", "call")
  check(1i, "complex", "complex")
  check(Sys.time(), "UserName", "POSIXct")
  # A required member given as NULL is missing.
  expect_issues(catch_any(svc$delete_user(UserName = NULL)), list(list("UserName", "required")), "NULL")
  # NA inside a list member names the element.
  expect_issues(
    catch_any(svc$create_user(UserName = "u", Tags = list(list(Key = NA_character_, Value = "v")))),
    list(list("Tags[0].Key", "type")), "NA tag key"
  )
  # A 1 MB string is a length error (checked without sending it).
  e <- catch_any(svc$create_access_key(UserName = strrep("a", 2^20)))
  expect_issues(e, list(list("UserName", "length")), "1 MB")
  expect_lt(nchar(conditionMessage(e)), 10000)
})

test_that("strings are read by their encoding: invalid UTF-8 and bytes are refused, latin1 is converted", {
  svc <- offline()
  bad <- rawToChar(as.raw(c(0x66, 0xff)))
  # Unmarked (native, UTF-8) and marked-UTF-8 invalid bytes, and "bytes"-marked strings.
  marked <- bad
  Encoding(marked) <- "UTF-8"
  # (R keeps no encoding mark on ASCII strings, so the "bytes" one has a non-ASCII byte.)
  bytes <- rawToChar(as.raw(c(0x66, 0xe9)))
  Encoding(bytes) <- "bytes"
  for (x in list(bad, marked)) {
    e <- catch_any(svc$create_access_key(UserName = x))
    expect_issues(e, list(list("UserName", "type")), "invalid UTF-8")
    expect_match(conditionMessage(e), "not valid UTF-8", fixed = TRUE)
  }
  e <- catch_any(svc$create_access_key(UserName = bytes))
  expect_issues(e, list(list("UserName", "type")), "bytes")
  expect_match(conditionMessage(e), "bytes", fixed = TRUE)
  # Deep inside a list, and as a list name.
  e <- catch_any(svc$create_user(UserName = "u", Tags = list(list(Key = "k", Value = bad))))
  expect_issues(e, list(list("Tags[0].Value", "type")), "invalid UTF-8 tag value")
  named <- list(Key = "k", Value = "v")
  names(named)[[2]] <- bad
  e <- catch_any(svc$create_user(UserName = "u", Tags = list(named)))
  expect_identical(class(e)[[1]], "polyiam_validation_error")
  expect_match(conditionMessage(e), "not valid UTF-8", fixed = TRUE)

  # latin1 "Bøb" is valid text: converted to UTF-8, it breaks the name pattern like the corpus's
  # "B\u00f8b", and the message quotes it correctly.
  bob <- iconv("B\u00f8b", from = "UTF-8", to = "latin1")
  expect_identical(Encoding(bob), "latin1")
  expect_identical(charToRaw(bob), as.raw(c(0x42, 0xf8, 0x62)))
  e <- catch_any(svc$create_access_key(UserName = bob))
  expect_issues(e, list(list("UserName", "pattern")), "latin1")
  expect_match(conditionMessage(e), "\"B\u00f8b\"", fixed = TRUE)
  expect_true(validUTF8(conditionMessage(e)))
  # Length counts characters after conversion: 128 latin1 "ø" (128 bytes, 256 in UTF-8) are one
  # character each, so only the pattern is broken.
  long <- iconv(strrep("\u00f8", 128), from = "UTF-8", to = "latin1")
  expect_issues(catch_any(svc$create_access_key(UserName = long)), list(list("UserName", "pattern")), "128 latin1")
  # A latin1 list name is converted too: it is an unknown member named in UTF-8.
  tag <- list(Key = "k", Value = "v", x = 1)
  names(tag)[[3]] <- iconv("V\u00e4lue", from = "UTF-8", to = "latin1")
  e <- catch_any(svc$create_user(UserName = "u", Tags = list(tag)))
  expect_issues(e, list(list("Tags[0].V\u00e4lue", "unknown")), "latin1 name")
  # Unmarked and UTF-8-marked non-ASCII text is taken as is.
  e <- catch_any(svc$create_access_key(UserName = enc2utf8("B\u00f8b")))
  expect_match(conditionMessage(e), "\"B\u00f8b\"", fixed = TRUE)
})

test_that("bad config strings are refused with the same encoding rules", {
  bad <- rawToChar(as.raw(c(0x66, 0xff)))
  e <- catch_any(polyiam::iam(config = list(region = bad)))
  expect_s3_class(e, "polyiam_error")
  expect_match(conditionMessage(e), "not valid UTF-8", fixed = TRUE)
  # latin1 text in config is converted: an endpoint with a non-ASCII host is still not a URL we
  # can use, but the error is about the URL, not the encoding.
  e <- catch_any(polyiam::iam(config = list(endpoint = iconv("http://h\u00f8st:1", from = "UTF-8", to = "latin1"))))
  if (inherits(e, "condition")) expect_false(grepl("UTF-8", conditionMessage(e), fixed = TRUE))
})
