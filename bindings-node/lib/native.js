"use strict";
// The native addon for this process (lib/loader.js picks it as napi-rs's loader does).
// POLYIAM_NODE_ADDON (or napi-rs's NAPI_RS_NATIVE_LIBRARY_PATH) names a file to load instead.

const { loadNative } = require("./loader");

module.exports = loadNative({ override: process.env.POLYIAM_NODE_ADDON || process.env.NAPI_RS_NATIVE_LIBRARY_PATH });
