// Progressive enhancement only: every page works without it. Initialises the GOV.UK Frontend components.
import { initAll } from "./govuk-frontend.min.js";

initAll();
