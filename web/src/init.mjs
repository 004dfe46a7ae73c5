// Start GOV.UK Frontend's components. The pages work without it: this only enhances them.
import { initAll } from './govuk-frontend.min.js';

initAll();
