#!/usr/bin/env node
"use strict";
// The `polyiam` command line (AWS CLI conventions), run by the native addon; see the README's
// "Command line" section.
const native = require("../lib/native");

process.exitCode = native.cliMain(["polyiam", ...process.argv.slice(2)]);
