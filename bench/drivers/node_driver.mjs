#!/usr/bin/env node
// Benchmark driver for a Node IAM client: polyiam-node or the AWS SDK for JavaScript v3
// (@aws-sdk/client-iam, pinned in bench/node/package.json). Same protocol as python_driver.py:
//
//   node node_driver.mjs --client polyiam|aws-sdk --endpoint URL [--calls N] [--warmup W]
//                        [--moto] [--user NAME] [--cold] [--addon PATH] [--in-flight K]
//
// Imports the library, builds a client, makes the first call, then (unless --cold) W untimed and N
// timed createAccessKey calls, each awaited before the next, and prints one JSON object on stdout:
// {client, calls, mean_ms, p50_ms, p90_ms, p99_ms, min_ms, t_import_s, t_client_s, t_first_s,
// peak_rss_mb} (the *_ms null with --cold). --moto: create the user first and delete each key right
// after its (timed) creation. --addon: the polyiam native addon to load (sets POLYIAM_NODE_ADDON, which
// bindings-node/lib/native.js honours), e.g. the release build bench/run.sh copies to bench/.build/.
// --in-flight K (bench/throughput.py): the N timed calls run as K concurrent chains on the one client,
// and the result has `in_flight` and `calls_per_s` instead of per-call times.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const BENCH = dirname(dirname(fileURLToPath(import.meta.url)));
const ROOT = dirname(BENCH);

function parseArgs(argv) {
  const a = { client: null, endpoint: null, calls: 2000, warmup: 200, moto: false, user: "bench-node", cold: false, addon: null, inFlight: 0 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) throw new Error(`${k} needs a value`);
      return argv[++i];
    };
    switch (k) {
      case "--client": a.client = val(); break;
      case "--endpoint": a.endpoint = val(); break;
      case "--calls": a.calls = Number.parseInt(val(), 10); break;
      case "--warmup": a.warmup = Number.parseInt(val(), 10); break;
      case "--user": a.user = val(); break;
      case "--addon": a.addon = val(); break;
      case "--in-flight": a.inFlight = Number.parseInt(val(), 10); break;
      case "--moto": a.moto = true; break;
      case "--cold": a.cold = true; break;
      default: throw new Error(`unknown argument ${k}`);
    }
  }
  if (!["polyiam", "aws-sdk"].includes(a.client)) throw new Error("--client polyiam|aws-sdk is required");
  if (!a.endpoint) throw new Error("--endpoint is required");
  return a;
}

// This process's peak RSS in MB: VmHWM (resourceUsage().maxRSS as a fallback).
function peakRssMb() {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Number(m[1]) / 1024;
  } catch {}
  return process.resourceUsage().maxRSS / 1024;
}

const now = () => process.hrtime.bigint();
const secs = (t0, t1) => Number(t1 - t0) / 1e9;

async function main() {
  const a = parseArgs(process.argv.slice(2));
  const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };
  const config = { region: "us-east-1", endpoint: a.endpoint, credentials };

  // Each client as `{ create(input), delete(input), createUser(input), close() }`, all Promise-returning.
  let api;
  let t1;
  const t0 = now();
  if (a.client === "polyiam") {
    if (a.addon) process.env.POLYIAM_NODE_ADDON = resolve(a.addon); // require() wants it absolute
    const lib = await import(pathToFileURL(join(ROOT, "bindings-node", "index.mjs")).href);
    t1 = now();
    const iam = new lib.IAM(config);
    api = {
      create: (input) => iam.createAccessKey(input),
      delete: (input) => iam.deleteAccessKey(input),
      createUser: (input) => iam.createUser(input),
      close: () => {},
    };
  } else {
    // bench/node/node_modules, resolved as a user's `import { IAMClient } from "@aws-sdk/client-iam"`.
    const require = createRequire(join(BENCH, "node", "package.json"));
    const lib = await import(pathToFileURL(require.resolve("@aws-sdk/client-iam")).href);
    t1 = now();
    const client = new lib.IAMClient(config);
    const { CreateAccessKeyCommand, DeleteAccessKeyCommand, CreateUserCommand } = lib;
    api = {
      create: (input) => client.send(new CreateAccessKeyCommand(input)),
      delete: (input) => client.send(new DeleteAccessKeyCommand(input)),
      createUser: (input) => client.send(new CreateUserCommand(input)),
      close: () => client.destroy(),
    };
  }
  const t2 = now();

  if (a.moto && !a.cold) {
    try {
      await api.createUser({ UserName: a.user });
    } catch (err) {
      if (!err || err.name !== "EntityAlreadyExistsException") throw err;
    }
  }

  const input = { UserName: a.user };
  const run = async (n) => {
    const times = new Array(n);
    for (let i = 0; i < n; i++) {
      const t = now();
      const out = await api.create(input);
      times[i] = Number(now() - t) / 1e6;
      if (a.moto) await api.delete({ UserName: a.user, AccessKeyId: out.AccessKey.AccessKeyId });
    }
    return times;
  };

  const t3 = now();
  await run(1);
  const tFirst = secs(t3, now());
  const calls = a.cold ? 0 : a.calls;
  if (!a.cold) await run(a.warmup);
  if (a.inFlight > 0) {
    // K chains, each awaiting its share one call after another: K calls in flight throughout.
    const chains = (n) => Promise.all(Array.from({ length: a.inFlight }, (_, i) => run(Math.floor(n / a.inFlight) + (i < n % a.inFlight ? 1 : 0))));
    await chains(a.inFlight); // opens the connections
    let best = Infinity;
    for (let r = 0; r < 3; r++) {
      const t = now();
      await chains(calls);
      best = Math.min(best, secs(t, now()));
    }
    api.close();
    process.stdout.write(JSON.stringify({ client: a.client, in_flight: a.inFlight, calls, calls_per_s: calls / best }) + "\n");
    return;
  }
  const ms = (await run(calls)).sort((x, y) => x - y);
  const pick = (q) => (ms.length ? ms[Math.round((ms.length - 1) * q)] : null);

  const result = {
    client: a.client,
    calls,
    mean_ms: ms.length ? ms.reduce((s, x) => s + x, 0) / ms.length : null,
    p50_ms: pick(0.5),
    p90_ms: pick(0.9),
    p99_ms: pick(0.99),
    min_ms: ms.length ? ms[0] : null,
    t_import_s: secs(t0, t1),
    t_client_s: secs(t1, t2),
    t_first_s: tFirst,
    peak_rss_mb: peakRssMb(),
  };
  api.close();
  process.stdout.write(JSON.stringify(result) + "\n");
}

main().catch((err) => {
  process.stderr.write(`node_driver: ${(err && err.stack) || err}\n`);
  process.exit(1);
});
