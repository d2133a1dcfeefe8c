// What the browser tests share: their settings from the environment, Debian's chromium (never a
// downloaded browser), and a watch on every page that turns a console error, a page error, a failed
// request, an HTTP error answer (and, when asked, a request to another host) into a problem.
import { chromium } from 'playwright-core';

export const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};

export const launch = () => chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});

/** A new page of `context` whose failures go into `problems`, prefixed with `label`. */
export async function watchedPage(context, label, problems, { onlyFrom } = {}) {
  const p = await context.newPage();
  const say = (what) => problems.push(label ? `${label}: ${what}` : what);
  p.on('console', (m) => { if (m.type() === 'error') say(`console error: ${m.text()}`); });
  p.on('pageerror', (e) => say(`page error: ${e.message}`));
  p.on('requestfailed', (r) => {
    // a poll cut short by navigating away is not a failure of the service
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') say(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  p.on('response', (r) => { if (r.status() >= 400) say(`HTTP ${r.status()} for ${r.request().method()} ${r.url()}`); });
  if (onlyFrom) {
    p.on('request', (r) => { if (!r.url().startsWith(onlyFrom) && !r.url().startsWith('data:')) say(`request elsewhere: ${r.url()}`); });
  }
  return p;
}
