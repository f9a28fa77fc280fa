# paginate() through the two-page test server (tests/harness/pager_server.py), with the pages and
# requests in tests/scenarios/pagination.json.

test_that("paginate() returns both pages and sends the second page's marker", {
  url <- pager_url()
  pg <- scenario("pagination")
  svc <- client_for(url)
  pages <- paginate(svc$list_access_keys(UserName = pg$user_name))
  expect_length(pages, 2L)
  for (i in seq_along(pg$pages)) {
    want <- pg$pages[[i]]
    got <- pages[[i]]
    expect_named(got, c("AccessKeyMetadata", "IsTruncated", "Marker"))
    expect_identical(got$IsTruncated, want$is_truncated)
    expect_identical(got$Marker, if (is.null(want$next_marker)) character(0) else want$next_marker)
    expect_length(got$AccessKeyMetadata, length(want$members))
    for (j in seq_along(want$members)) {
      m <- want$members[[j]]
      k <- got$AccessKeyMetadata[[j]]
      expect_identical(k$AccessKeyId, m$AccessKeyId)
      expect_identical(k$Status, m$Status)
      expect_identical(k$CreateDate, as.POSIXct(m$CreateDate, format = "%Y-%m-%dT%H:%M:%SZ", tz = "UTC"))
    }
  }
  ids <- unlist(lapply(pages, function(p) vapply(p$AccessKeyMetadata, function(k) k$AccessKeyId, "")))
  expect_identical(ids, unlist(pg$expected_access_key_ids))

  requests <- jsonlite::fromJSON(paste0(url, "/__harness__/requests"), simplifyVector = FALSE)
  markers <- vapply(requests, function(r) if (is.null(r$params$Marker)) NA_character_ else r$params$Marker, "")
  expect_identical(tail(markers, 2), c(NA, pg$pages[[2]]$request_marker))
})

test_that("paginate() honours MaxItems and StartingToken", {
  url <- pager_url()
  pg <- scenario("pagination")
  svc <- client_for(url)
  pages <- paginate(svc$list_access_keys(UserName = pg$user_name), MaxItems = 1)
  expect_length(pages, 1L)
  expect_length(pages[[1]]$AccessKeyMetadata, 1L)
  pages <- paginate(svc$list_access_keys(UserName = pg$user_name), StartingToken = pg$pages[[2]]$request_marker)
  expect_length(pages, 1L)
  expect_identical(pages[[1]]$AccessKeyMetadata[[1]]$AccessKeyId, pg$pages[[2]]$members[[1]]$AccessKeyId)
})

test_that("paginate() rejects what is not a paginated operation call", {
  svc <- client_for("http://127.0.0.1:9")
  e <- tryCatch(paginate(svc$get_user(UserName = "x")), polyiam_error = function(e) e)
  expect_s3_class(e, "polyiam_validation_error")
  e <- tryCatch(paginate(42), polyiam_error = function(e) e)
  expect_s3_class(e, "polyiam_validation_error")
})

test_that("paginate_lapply() and paginate_sapply() take paws's signatures", {
  pg <- scenario("pagination")
  svc <- client_for(pager_url())
  counts <- vapply(pg$pages, function(p) length(p$members), 1L)
  per_page <- paginate_lapply(svc$list_access_keys(UserName = pg$user_name), function(p, extra) length(p$AccessKeyMetadata) + extra, extra = 0L)
  expect_identical(per_page, as.list(counts))
  expect_identical(paginate_sapply(svc$list_access_keys(UserName = pg$user_name), function(p) length(p$AccessKeyMetadata)), counts)
  expect_identical(
    paginate_sapply(svc$list_access_keys(UserName = pg$user_name), function(p) p$IsTruncated, simplify = FALSE, StopOnSameToken = TRUE),
    lapply(pg$pages, `[[`, "is_truncated")
  )
})
