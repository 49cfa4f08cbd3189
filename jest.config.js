/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
  // office-addin-mock needs only the OfficeApp enum of office-addin-manifest, whose main
  // entry pulls in ESM-only packages (strip-bom 5, uuid 11) that jest on Node 20 cannot
  // require. Tests load the enum's own module; scripts/validate-manifest.js (plain node)
  // still uses the whole package.
  moduleNameMapper: { "^office-addin-manifest$": "<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js" },
  testTimeout: 60000,
};
