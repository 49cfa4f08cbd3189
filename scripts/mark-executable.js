// npm links `bin` entries itself, but a fresh `tsc` output has no exec bit: set it so
// `./dist/cli/cli/iki-check.js` also runs directly.
const fs = require("fs");
const path = require("path");
const bin = path.join(__dirname, "..", "dist", "cli", "cli", "iki-check.js");
if (fs.existsSync(bin)) fs.chmodSync(bin, 0o755);
