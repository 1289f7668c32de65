// Copies the run-time assets next to the compiled CSS in portal/static/portal/dist/.
//
// From govuk-frontend we take the JavaScript only: its images (crown, crest, GOV.UK favicons and manifest) and its
// fonts (GDS Transport) are reserved for GOV.UK, so the portal ships its own icon from frontend/assets/.
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const dist = resolve(root, "../portal/static/portal/dist");
const govuk = dirname(createRequire(import.meta.url).resolve("govuk-frontend/package.json"));

mkdirSync(dist, { recursive: true });

const copies = [
  [join(govuk, "dist/govuk/govuk-frontend.min.js"), "govuk-frontend.min.js"],
  [join(govuk, "dist/govuk/govuk-frontend.min.js.map"), "govuk-frontend.min.js.map"],
  [join(root, "js/supported.js"), "supported.js"],
  [join(root, "js/portal.mjs"), "portal.mjs"],
];
for (const name of readdirSync(join(root, "assets"))) {
  copies.push([join(root, "assets", name), name]);
}
for (const [source, target] of copies) {
  copyFileSync(source, join(dist, target));
  console.log(`copied ${target}`);
}
