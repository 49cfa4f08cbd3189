// Modelled on the yo office React task pane template (OfficeDev/Office-Addin-TaskPane-React):
// same entries, HTML pages, asset/manifest copying and https dev server on port 3000.
//
//   npm run build       production bundle in dist/ (no certificates needed)
//   npm run build:dev   development bundle in dist/
//   npm run dev-server  https://localhost:3000 with office-addin-dev-certs certificates
"use strict";

const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const urlDev = "https://localhost:3000/";
// Production origin that serves dist/ (with trailing slash). A placeholder on purpose:
// SET IT AT DEPLOY TIME, here or with IKI_CHECKER_URL_PROD=https://host/path/ npm run build.
// The production build rewrites every https://localhost:3000 in manifest*.xml to it.
const urlProd = process.env.IKI_CHECKER_URL_PROD || "https://iki-checker.invalid/";

async function getHttpsOptions() {
  // Loaded only for `webpack serve`: a production build must not need (or create) certificates.
  const devCerts = require("office-addin-dev-certs");
  try {
    const httpsOptions = await devCerts.getHttpsServerOptions();
    return { ca: httpsOptions.ca, key: httpsOptions.key, cert: httpsOptions.cert };
  } catch (e) {
    // Installing the development CA needs sudo (Linux) or an admin prompt. When it fails but
    // the certificates were generated, serve with them anyway and say how to trust the CA:
    // Excel refuses the pane until the CA is trusted, the server itself works.
    const fs = require("fs");
    const defaults = require("office-addin-dev-certs/lib/defaults");
    if (![defaults.caCertificatePath, defaults.localhostCertificatePath, defaults.localhostKeyPath].every((f) => fs.existsSync(f))) throw e;
    console.warn(`office-addin-dev-certs: ${e.message.split("\n")[0]}`);
    console.warn(`Serving with the generated certificates; trust ${defaults.caCertificatePath} yourself (README, Sideloading).`);
    return {
      ca: fs.readFileSync(defaults.caCertificatePath),
      key: fs.readFileSync(defaults.localhostKeyPath),
      cert: fs.readFileSync(defaults.localhostCertificatePath),
    };
  }
}

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  const serve = Boolean(env && env.WEBPACK_SERVE);

  const config = {
    devtool: "source-map",
    // The ribbon's command runs in the pane's shared runtime (manifest <Runtimes>): the task
    // pane's page is the function file and src/taskpane/index.tsx imports the command, so
    // both use one WorkbookSession. The engine runs in a Web Worker of its own (engine-worker).
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      summary: "./src/commands/summary.ts",
      // Loaded by the pane with new Worker("engine-worker.js"); no page of its own.
      "engine-worker": "./src/taskpane/engine-worker.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      // dist/cli is the CLI build (npm run build:cli, tsc): keep it.
      clean: { keep: /^cli[\\/]/ },
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              // tsconfig.json is set up for tsc/jest (commonjs, noEmit); webpack needs ES
              // modules for tree shaking, and output.
              transpileOnly: true,
              compilerOptions: { module: "esnext", noEmit: false },
            },
          },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
      }),
      new HtmlWebpackPlugin({
        filename: "summary.html",
        template: "./src/commands/summary.html",
        chunks: ["summary"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          {
            from: "assets/*",
            to: "assets/[name][ext][query]",
          },
          {
            from: "src/support/support.html",
            to: "support.html",
          },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform(content) {
              if (dev) return content;
              const origin = (url) => url.replace(/\/+$/, "");
              return content
                .toString()
                .replace(new RegExp(urlDev, "g"), urlProd)
                .replace(new RegExp(origin(urlDev), "g"), origin(urlProd));
            },
          },
        ],
      }),
    ],
    performance: {
      hints: false,
    },
  };

  if (serve) {
    config.devServer = {
      hot: true,
      headers: {
        "Access-Control-Allow-Origin": "*",
      },
      server: {
        type: "https",
        options: options.https !== undefined ? options.https : await getHttpsOptions(),
      },
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
    };
  }

  return config;
};
