// Builds the hub's CSS from govuk-frontend's Sass and copies its JavaScript.
// Output goes to hub/static/hub/dist/ (generated, not committed).
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "hub", "static", "hub", "dist");
mkdirSync(out, { recursive: true });

const result = sass.compile(join(root, "assets", "scss", "hub.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "hub.css"), result.css);

const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
copyFileSync(join(govuk, "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
console.log(`Built ${join("hub", "static", "hub", "dist")}: hub.css (${result.css.length} bytes), govuk-frontend.min.js`);
