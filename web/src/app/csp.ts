// Runs before any other module of the app (first import of main.tsx).
//
// The server sends a Content-Security-Policy without 'unsafe-eval'. Zod (through
// @gongkai/report-model) probes whether it may compile validators with `new Function` the first
// time it parses an object; under the policy the probe fails harmlessly but the browser reports
// a CSP violation each time. Jitless mode skips the probe and validates the same way.
import { config } from 'zod';

config({ jitless: true });
