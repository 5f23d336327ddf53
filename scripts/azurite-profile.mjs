#!/usr/bin/env node
// Summarises a CPU profile of Azurite, as `scripts/bench-load.sh --profile-azurite DIR` writes
// it: the share of Azurite's sampled time spent under each request handler and storage function,
// under each function of LokiJS (the in-memory database behind Azurite), and in each function itself.
// Usage: node scripts/azurite-profile.mjs FILE.cpuprofile... [--rows N]
// Several files, one per Azurite the benchmark started, are summed.
import { existsSync, readFileSync } from "node:fs";

const args = process.argv.slice(2);
const rowsAt = args.indexOf("--rows");
const rows = rowsAt >= 0 ? Number(args[rowsAt + 1]) : 25;
const files = args.filter((_, position) => rowsAt < 0 || (position !== rowsAt && position !== rowsAt + 1));
const missing = files.filter((file) => !existsSync(file));
if (missing.length > 0) {
  console.error(`error: profile not found: ${missing.join(", ")}. Run scripts/bench-load.sh with --profile-azurite DIR first.`);
  process.exit(2);
}

if (files.length === 0 || !Number.isInteger(rows) || rows < 1) {
  console.error("usage: node scripts/azurite-profile.mjs FILE.cpuprofile... [--rows N], where N is a whole number above 0");
  process.exit(2);
}

// Each node id is made unique per file, and each sample's time goes to the node that was
// running, in microseconds.
const nodes = new Map();
const parents = new Map();
const timeByNode = new Map();
files.forEach((file, fileNumber) => {
  const profile = JSON.parse(readFileSync(file, "utf8"));
  const key = (id) => `${fileNumber}:${id}`;
  for (const node of profile.nodes) {
    nodes.set(key(node.id), node);
    for (const child of node.children ?? []) {
      parents.set(key(child), key(node.id));
    }
  }

  profile.samples.forEach((nodeId, position) => {
    timeByNode.set(key(nodeId), (timeByNode.get(key(nodeId)) ?? 0) + profile.timeDeltas[position]);
  });
});
const total = [...timeByNode.values()].reduce((sum, time) => sum + time, 0);

const fileOf = (node) => node.callFrame.url.split("/").pop() || "(native)";
const nameOf = (node) => `${fileOf(node)} ${node.callFrame.functionName || "(anonymous)"}`;

// Frames of Azurite's handlers and Loki stores: they show which request or store call the time served.
const isStorageFrame = (node) =>
  /Handler\.js$/.test(fileOf(node)) && !/Middleware/.test(fileOf(node)) || /^Loki\w+MetadataStore\.js$/.test(fileOf(node));

const inclusive = new Map();
const inLoki = new Map();
const self = new Map();
for (const [nodeId, time] of timeByNode) {
  const leaf = nodes.get(nodeId);
  self.set(nameOf(leaf), (self.get(nameOf(leaf)) ?? 0) + time);
  const counted = new Set();
  for (let id = nodeId; id !== undefined; id = parents.get(id)) {
    const node = nodes.get(id);
    const name = nameOf(node);
    if (counted.has(name)) {
      continue;
    }

    counted.add(name);
    if (isStorageFrame(node)) {
      inclusive.set(name, (inclusive.get(name) ?? 0) + time);
    } else if (fileOf(node) === "lokijs.js" && node.callFrame.functionName) {
      inLoki.set(name, (inLoki.get(name) ?? 0) + time);
    }
  }
}

const print = (title, table) => {
  console.log(title);
  for (const [name, time] of [...table].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    console.log(`${(time / 1e6).toFixed(1).padStart(9)} s ${((100 * time) / total).toFixed(1).padStart(5)} %  ${name}`);
  }
};

console.log(`${(total / 1e6).toFixed(1)} s sampled, idle included, in ${files.join(", ")}`);
print("\nTime under each handler and store function (a call counts in each function on its stack):", inclusive);
print("\nTime under each LokiJS function:", inLoki);
print("\nTime in each function itself:", self);
