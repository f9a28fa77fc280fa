library(testthat)
library(polyiam)

test_check("polyiam")
