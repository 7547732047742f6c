// Bundles the web client's pages into src/Server/wwwroot/js (one bundle per page; shared modules
// and @microsoft/signalr are bundled into each). Run by Server.csproj before every build, so
// `dotnet build`, `dotnet run`, scripts/run-server.sh and scripts/test.sh all serve a fresh client.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const pages = ["landing", "host", "join", "screen"];

await build({
  entryPoints: Object.fromEntries(pages.map(p => [p, path.join(here, "src", p, "main.js")])),
  outdir: path.join(here, "..", "Server", "wwwroot", "js"),
  bundle: true,
  format: "esm",
  target: ["es2020"],
  minify: true,
  sourcemap: true,
  logLevel: "warning",
});
