// Self time per function of the newest .cpuprofile in a folder: `node bench/top-functions.js DIR [N]`.
const fs = require("fs");
const path = require("path");
const dir = process.argv[2];
const file = fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")).map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
const p = JSON.parse(fs.readFileSync(file, "utf8"));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map();
p.samples.forEach((id, i) => {
  const n = byId.get(id);
  const k = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").slice(-2).join("/")}:${n.callFrame.lineNumber + 1}`;
  self.set(k, (self.get(k) || 0) + (p.timeDeltas[i] || 0));
});
[...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[3] || 20)).forEach(([k, t]) => console.log(`${(t / 1000).toFixed(0).padStart(7)} ms  ${k}`));
