"use strict";
// Loads the native addon: `polyiam.<platform>-<arch>.node` beside package.json (scripts/build-addon.js
// copies it there from the cargo target dir), or the file named by POLYIAM_NODE_ADDON.

const path = require("node:path");

const file = `polyiam.${process.platform}-${process.arch}.node`;
const addonPath = process.env.POLYIAM_NODE_ADDON || path.join(__dirname, "..", file);

let native;
try {
  native = require(addonPath);
} catch (err) {
  const e = new Error(
    `polyiam: could not load the native addon ${addonPath} (${err && err.message}). ` +
      "Build it with `npm run build` in bindings-node/ (cargo build -p polyiam-node, then copy).",
  );
  e.cause = err;
  throw e;
}

module.exports = native;
