// Browser test of the operations dashboard, in Debian's chromium driven by playwright-core (no
// browser download). Run by DashboardBrowserIT against a running service:
//   GEOETL_URL, GEOETL_KEY (admin), GEOETL_READER_KEY, GEOETL_BENCH_JOB (a benchmark_fanout job that
//   is running) and GEOETL_BENCH_TASKS (its task count), GEOETL_VECTOR_JOB, GEOETL_RASTER_JOB (completed process_vector / process_raster
//   jobs), GEOETL_FAILED_JOB (failed permanently), GEOETL_RETRIED_JOB (completed after a retry),
//   SCREENSHOTS (directory). Exits 1 on any console error, page error, failed request or
//   HTTP error answer, or when something expected is not seen; prints what it observed as JSON.
import { mkdirSync } from 'node:fs';
import { env, launch, watchedPage } from './harness.mjs';
const base = env('GEOETL_URL');
const key = env('GEOETL_KEY');
const readerKey = env('GEOETL_READER_KEY');
const bench = env('GEOETL_BENCH_JOB');
const benchTasks = Number(env('GEOETL_BENCH_TASKS'));
const vectorJob = env('GEOETL_VECTOR_JOB');
const rasterJob = env('GEOETL_RASTER_JOB');
const failedJob = env('GEOETL_FAILED_JOB');
const retriedJob = env('GEOETL_RETRIED_JOB');
const shots = process.env.SCREENSHOTS ?? 'target/screenshots';
mkdirSync(shots, { recursive: true });

const problems = [];
const observed = { progress: [] };
const browser = await launch();
const page = (context, label) => watchedPage(context, label, problems);

const shot = (p, name) => p.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
const expect = (cond, what) => { if (!cond) problems.push(what); return cond; };

try {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  const p = await page(context, 'admin');

  // 1. the seed's dashboard path; the page asks for a key before it calls anything
  await p.goto(`${base}/api/interface/metrics`);
  await p.waitForSelector('#api-key');
  await shot(p, '01-sign-in');
  await p.fill('#api-key', key);
  await p.click('.key-form button[type=submit]');
  const row = `tr[data-job="${bench}"]`;
  await p.waitForSelector(row, { timeout: 30_000 });

  // the job page of the running job in a second tab (session storage is per tab: sign in again)
  const live = await page(context, 'admin-job-tab');
  await live.goto(`${base}/ui/#/jobs/${bench}`);
  await live.fill('#api-key', key);
  await live.click('.key-form button[type=submit]');

  // 2. the running job's progress bar advances and ends at 100 %
  const deadline = Date.now() + 150_000;
  let midShot = false;
  for (;;) {
    const now = await p.$eval(`${row} [role=progressbar]`, (b) => Number(b.getAttribute('aria-valuenow')));
    const status = await p.$eval(`${row} .pill`, (s) => s.textContent);
    const last = observed.progress[observed.progress.length - 1];
    if (!last || last.pct !== now || last.status !== status) observed.progress.push({ t: Date.now(), pct: now, status });
    if (!midShot && now > 0 && now < 100) {
      await shot(p, '02-dashboard-running');
      midShot = true;
    }
    if (!observed.runningCells && now >= 30 && now < 100) {
      // the swimlane while the job runs: some stages' cells done, later ones not yet
      await live.waitForSelector('#swimlane .cell');
      observed.runningCells = await live.$$eval('#swimlane .cell', (cs) =>
        cs.reduce((m, c) => ({ ...m, [c.classList[1]]: (m[c.classList[1]] ?? 0) + 1 }), {}));
      await shot(live, '02b-job-page-running');
    }
    if (status === 'completed' && now === 100) break;
    if (Date.now() > deadline) { problems.push(`job ${bench} did not reach 100 % on the dashboard`); break; }
    await p.waitForTimeout(400);
  }
  const values = observed.progress.map((v) => v.pct);
  const between = [...new Set(values.filter((v) => v > 0 && v < 100))];
  expect(between.length >= 2, `progress bar seen at fewer than two values between 0 and 100: ${values}`);
  expect(values.every((v, i) => i === 0 || v >= values[i - 1]), `progress went backwards: ${values}`);
  expect(values[values.length - 1] === 100, `progress did not end at 100: ${values}`);
  expect(observed.runningCells && (observed.runningCells.completed ?? 0) > 0
    && (observed.runningCells.completed ?? 0) < benchTasks, `swimlane while running: ${JSON.stringify(observed.runningCells)}`);
  await live.close();
  observed.depths = await p.$$eval('.depth', (ds) => ds.map((d) => d.textContent));
  expect(observed.depths.some((d) => d.includes('dead letters')), 'no dead-letter count on the dashboard');
  await shot(p, '03-dashboard-done');

  // 3. the job page: swimlane with a cell per task, all completed; the timeline has the end
  await p.click(`${row} a`);
  await p.waitForSelector('#swimlane .lane');
  await p.waitForFunction(() => [...document.querySelectorAll('#timeline .type')].some((e) => e.textContent === 'job_completed'),
    null, { timeout: 20_000 });
  observed.cells = await p.$$eval('#swimlane .cell', (cs) => cs.length);
  observed.completedCells = await p.$$eval('#swimlane .cell.completed', (cs) => cs.length);
  observed.lanes = await p.$$eval('#swimlane .lane', (ls) => ls.length);
  observed.timeline = await p.$$eval('#timeline .type', (ts) => ts.map((t) => t.textContent));
  observed.stagePct = await p.$$eval('table.stages [role=progressbar]', (bs) => bs.map((b) => Number(b.getAttribute('aria-valuenow'))));
  expect(observed.cells > 0 && observed.cells === observed.completedCells, `swimlane cells ${observed.completedCells}/${observed.cells} completed`);
  expect(observed.stagePct.length > 0 && observed.stagePct.every((v) => v === 100), `stage bars ${observed.stagePct}`);
  expect(observed.timeline.includes('stage_completed'), 'timeline without stage_completed');
  observed.adminVerbs = await p.$$eval('.verbs button', (bs) => bs.map((b) => b.textContent));
  expect(observed.adminVerbs.includes('Resubmit') && observed.adminVerbs.includes('Delete'), `operator verbs for admin: ${observed.adminVerbs}`);
  await shot(p, '04-job-page');

  // 4. map previews: the vector table's features and the COG's footprint on the offline basemap
  for (const [job, name, kind] of [[vectorJob, '05-map-vector', 'table'], [rasterJob, '06-map-cog', 'COG footprint']]) {
    await p.goto(`${base}/ui/#/jobs/${job}`);
    await p.waitForSelector('#map[data-ready=true]', { timeout: 30_000 });
    const notes = await p.$$eval('.map-notes li', (ls) => ls.map((l) => l.textContent));
    observed[name] = notes;
    expect(notes.some((n) => n.includes(kind)), `${name}: no ${kind} in the map notes: ${notes}`);
    await p.waitForTimeout(700); // Leaflet's fitBounds animation
    await p.$eval('#map', (m) => m.scrollIntoView());
    await p.locator('#preview').screenshot({ path: `${shots}/${name}.png` });
  }

  // the Map page lists recent producing jobs; following one draws its outputs
  await p.goto(`${base}/ui/#/map`);
  await p.waitForSelector(`.producers a[href="#/map?job=${vectorJob}"]`);
  await p.click(`.producers a[href="#/map?job=${vectorJob}"]`);
  await p.waitForSelector('#map[data-ready=true] ~ .map-notes li[data-output]', { timeout: 30_000 });
  observed.mapPage = await p.$$eval('.map-notes li', (ls) => ls.map((l) => l.textContent));
  expect(observed.mapPage.some((n) => n.includes('features drawn')), `map page: ${observed.mapPage}`);
  await p.waitForTimeout(700);
  await shot(p, '08-map-page');

  // a failed job: its task's error, the retry verb; a retried one: the task's retry history
  await p.goto(`${base}/ui/#/jobs/${failedJob}`);
  await p.waitForSelector('#errors .errors li .error');
  observed.failedErrors = await p.$$eval('#errors .errors > li', (ls) => ls.map((l) => l.textContent));
  observed.failedVerbs = await p.$$eval('.verbs button', (bs) => bs.map((b) => b.textContent));
  observed.failedCells = await p.$$eval('#swimlane .cell.failed', (cs) => cs.length);
  expect(observed.failedErrors.some((e) => e.includes('injected failure') && e.includes('failed after 1 attempt')),
    `failed job errors: ${observed.failedErrors}`);
  expect(observed.failedVerbs.includes('Retry failed tasks'), `failed job verbs: ${observed.failedVerbs}`);
  expect(observed.failedCells === 1, `failed cells: ${observed.failedCells}`);
  await shot(p, '09-job-failed');
  await p.goto(`${base}/ui/#/jobs/${retriedJob}`);
  await p.waitForSelector('#errors .history li');
  observed.retryHistory = await p.$$eval('#errors .history li', (ls) => ls.map((l) => l.textContent));
  observed.retriedTask = await p.$eval('#errors .errors > li > div', (d) => d.textContent);
  expect(observed.retryHistory.length === 1 && observed.retryHistory[0].includes('task_retrying'),
    `retry history: ${observed.retryHistory}`);
  expect(observed.retriedTask.includes('completed after 2 attempts'), `retried task: ${observed.retriedTask}`);
  await shot(p, '10-job-retried');

  // an operator verb from its button: cancel a job that would run for a while
  const submitted = await fetch(`${base}/api/jobs/submit/benchmark_fanout`, {
    method: 'POST', headers: { 'X-API-Key': key, 'Content-Type': 'application/json' },
    body: JSON.stringify({ tasks: 16, work_ms: 5000, label: `cancel-${Date.now()}` }),
  }).then((r) => r.json());
  await p.goto(`${base}/ui/#/jobs/${submitted.job_id}`);
  await p.waitForSelector('#verb-cancel');
  p.once('dialog', (d) => void d.accept());
  await p.click('#verb-cancel');
  await p.waitForFunction(() => document.querySelector('.job-head .pill')?.textContent === 'cancelled', null, { timeout: 20_000 });
  await p.waitForFunction(() => [...document.querySelectorAll('#timeline .type')].some((e) => e.textContent === 'job_cancelled'),
    null, { timeout: 10_000 });
  observed.cancelledVerbs = await p.$$eval('.verbs button', (bs) => bs.map((b) => b.textContent));
  expect(!observed.cancelledVerbs.includes('Cancel'), `a cancelled job still offers Cancel: ${observed.cancelledVerbs}`);
  await shot(p, '11-job-cancelled');

  // 5. a reader sees the same job without the operator verbs
  const readerContext = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  const r = await page(readerContext, 'reader');
  await r.goto(`${base}/ui/`);
  await r.fill('#api-key', readerKey);
  await r.click('.key-form button[type=submit]');
  await r.waitForSelector(row);
  await r.goto(`${base}/ui/#/jobs/${bench}`);
  await r.waitForSelector('#swimlane .lane');
  await r.waitForSelector('.job-head .pill');
  observed.readerVerbs = await r.$$eval('.verbs button', (bs) => bs.length);
  observed.readerRoles = await r.$eval('#who .roles', (e) => e.textContent);
  expect(observed.readerVerbs === 0, `a reader sees ${observed.readerVerbs} operator buttons`);
  await shot(r, '07-job-page-reader');
} catch (e) {
  problems.push(`test error: ${e.stack ?? e}`);
} finally {
  await browser.close();
}
console.log(JSON.stringify({ observed, problems }, null, 1));
process.exit(problems.length ? 1 : 0);
