#!/usr/bin/env node
// Summarises a CPU profile of Azurite, as `scripts/bench-load.sh --profile-azurite DIR` writes
// it: the share of Azurite's CPU time spent under each request handler and storage function,
// under each function of LokiJS (the in-memory database behind Azurite), and in each function itself.
// Usage: node scripts/azurite-profile.mjs DIR/CPU.*.cpuprofile [rows]
import { readFileSync } from "node:fs";

const [file, rowsText = "25"] = process.argv.slice(2);
if (!file) {
  console.error("usage: node scripts/azurite-profile.mjs FILE.cpuprofile [rows]");
  process.exit(2);
}

const rows = Number.parseInt(rowsText, 10);
const profile = JSON.parse(readFileSync(file, "utf8"));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map();
for (const node of profile.nodes) {
  for (const child of node.children ?? []) {
    parents.set(child, node.id);
  }
}

// Each sample's time goes to the node that was running, in microseconds.
const timeByNode = new Map();
profile.samples.forEach((nodeId, position) => {
  timeByNode.set(nodeId, (timeByNode.get(nodeId) ?? 0) + profile.timeDeltas[position]);
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

console.log(`${(total / 1e6).toFixed(1)} s sampled in ${file}`);
print("\nCPU under each handler and store function (a call counts in each function on its stack):", inclusive);
print("\nCPU under each LokiJS function:", inLoki);
print("\nCPU in each function itself:", self);
