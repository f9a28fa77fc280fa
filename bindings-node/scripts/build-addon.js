#!/usr/bin/env node
"use strict";
// Builds the native addon with plain cargo, in the workspace's shared target dir and with its unified
// features (`cargo build -p polyiam-node`), then copies it to where lib/native.js loads it:
// bindings-node/polyiam.<name>.node, <name> as napi-rs names platforms (linux-x64-gnu, ...; see
// lib/loader.js). `--release` builds the release profile.

const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { triple, addonFile } = require("../lib/loader");

const pkgDir = path.resolve(__dirname, "..");
const release = process.argv.includes("--release");
const cargo = process.env.CARGO || "cargo";

const args = ["build", "-p", "polyiam-node"];
if (release) args.push("--release");
execFileSync(cargo, args, { cwd: pkgDir, stdio: "inherit" });

const meta = JSON.parse(
  execFileSync(cargo, ["metadata", "--format-version", "1", "--no-deps"], { cwd: pkgDir, maxBuffer: 64 << 20 }).toString(),
);
const libName = { darwin: "libpolyiam_node.dylib", win32: "polyiam_node.dll" }[process.platform] || "libpolyiam_node.so";
const built = path.join(meta.target_directory, release ? "release" : "debug", libName);
const dest = path.join(pkgDir, addonFile(triple()));
// Copy to a temporary name, then rename: a running process that has the old addon loaded keeps it.
const tmp = `${dest}.tmp-${process.pid}`;
fs.copyFileSync(built, tmp);
fs.renameSync(tmp, dest);
console.error(`polyiam: ${path.relative(process.cwd(), built)} -> ${path.relative(process.cwd(), dest)}`);
