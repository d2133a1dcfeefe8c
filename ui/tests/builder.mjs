// Browser test of the pipeline builder (/ui/builder), in Debian's chromium driven by playwright-core
// (no browser download), in a 1280 x 800 window. Run by PipelineBuilderBrowserIT against a running
// service: GEOETL_URL, GEOETL_KEY (admin), GEOETL_PIPELINE (a fresh pipeline name), GEOETL_TASKS,
// GEOETL_SUBMITTER_KEY and GEOETL_READER_KEY (optional), SCREENSHOTS.
// It builds a three-stage pipeline by dragging benchmark_task from the palette (s1 fixed(params.tasks),
// s2 each(s1), s3 fan_in(s2)), makes a wrong connection (s2 each over the later s3) and sees the
// marker on s2, fixes it, deletes an edge and reconnects from the side panel, adds a fourth stage
// from the keyboard and deletes, undoes and deletes it again, saves, previews the plan, publishes,
// runs it and watches every stage node complete, publishes version 2 and archives it. Exits 1 on any console error, page error, failed request or HTTP error
// answer, any request to another host, or when something expected is not seen; prints what it
// observed as JSON.
import { mkdirSync } from 'node:fs';
import { env, launch, watchedPage } from './harness.mjs';
const base = env('GEOETL_URL');
const key = env('GEOETL_KEY');
const name = env('GEOETL_PIPELINE');
const tasks = Number(process.env.GEOETL_TASKS ?? '4');
const submitterKey = process.env.GEOETL_SUBMITTER_KEY;
const readerKey = process.env.GEOETL_READER_KEY;
const shots = process.env.SCREENSHOTS ?? 'target/screenshots';
mkdirSync(shots, { recursive: true });

const problems = [];
const observed = {};
const expect = (cond, what) => { if (!cond) problems.push(what); return cond; };
const browser = await launch();
const shot = (p, n) => p.screenshot({ path: `${shots}/builder-${n}.png` });
const node = (stage) => `.stage-node[data-stage="${stage}"]`;

/** drags from the output handle of one stage to the input handle of another (a React Flow connection) */
async function connect(p, from, to) {
  const a = await p.locator(`${node(from)} .react-flow__handle-right`).boundingBox();
  const b = await p.locator(`${node(to)} .react-flow__handle-left`).boundingBox();
  await p.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await p.mouse.down();
  await p.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2 + 10, { steps: 5 });
  await p.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await p.mouse.up();
  // the target now reads the source, and the edge is drawn
  await p.waitForFunction(([f, t]) => document.querySelector(`.stage-node[data-stage="${t}"] .rule`)?.textContent?.includes(`(${f}`)
    && document.querySelector(`.react-flow__edge[aria-label^="${f} to ${t} "] path`), [from, to], { timeout: 5000 })
    .catch(async (e) => {
      const state = await p.evaluate(() => ({ rules: [...document.querySelectorAll('.stage-node .rule')].map((r) => r.textContent),
        edges: [...document.querySelectorAll('.react-flow__edge')].map((r) => r.getAttribute('aria-label')) }));
      throw new Error(`connecting ${from} to ${to}: ${JSON.stringify(state)}: ${e.message}`);
    });
}
const fanOut = (p, stage) => p.$eval(`${node(stage)} .rule`, (e) => e.textContent);
/** drags benchmark_task from the palette to a point of the canvas (fractions of its size) */
async function drop(p, fx, fy) {
  const pane = await p.locator('.react-flow__pane').boundingBox();
  await p.dragAndDrop('.palette-item[data-task-type="benchmark_task"]', '.react-flow__pane',
    { targetPosition: { x: Math.round(pane.width * fx), y: Math.round(pane.height * fy) } });
}
/** controls without an accessible name (label, aria-label, aria-labelledby, text or title) */
const unlabelled = (p) => p.$$eval('input, select, textarea, button', (es) => es.filter((e) => !(e.labels?.length
  || e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || e.textContent.trim() || e.title)).map((e) => e.outerHTML.slice(0, 120)));
/** the page fits the window: no scrolling of the document itself */
const fits = (p) => p.evaluate(() => document.documentElement.scrollWidth <= innerWidth && document.documentElement.scrollHeight <= innerHeight);
/** waits until the last validation answered (no check pending) */
const settled = (p) => p.waitForFunction(() => document.querySelector('#validity')?.textContent !== 'checking…');

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // everything comes from the service: no CDN, no other host
  const p = await watchedPage(context, '', problems, { onlyFrom: base });

  // the dashboard's header links to the builder; the builder asks for a key first
  await p.goto(`${base}/ui/`);
  await p.fill('#api-key', key);
  await p.click('.key-form button[type=submit]');
  await p.click('header nav a[href="/ui/builder"]');
  await p.waitForSelector('.palette-item[data-task-type="benchmark_task"]');
  observed.palette = await p.$$eval('.palette-item', (es) => es.map((e) => e.dataset.taskType));
  await shot(p, '01-empty');

  // the pipeline's name and its parameters: tasks, an integer 1..50, default 3, required; work_ms
  await p.fill('#pipeline-name', name);
  await p.click('#tab-parameters');
  await p.click('button:text-is("Add parameter")');
  await p.fill('#param-0-name', 'tasks');
  await p.selectOption('#param-0-type', 'integer');
  await p.fill('#param-0-default', '3');
  await p.fill('#param-0-min', '1');
  await p.fill('#param-0-max', '50');
  await p.check('#param-0-required');
  // work_ms: benchmark_task sleeps that long per task (so the run is seen while it runs)
  await p.click('button:text-is("Add parameter")');
  await p.fill('#param-1-name', 'work_ms');
  await p.fill('#param-1-default', '0');
  await p.fill('#param-1-min', '0');
  await p.fill('#param-1-max', '10000');

  // three stages dragged from the palette; the first counts params.tasks
  await drop(p, 0.15, 0.25);
  await drop(p, 0.5, 0.25);
  await drop(p, 0.85, 0.25);
  await shot(p, '01b-dropped');
  observed.stages = await p.$$eval('.stage-node', (es) => es.map((e) => e.dataset.stage));
  expect(observed.stages.join() === 's1,s2,s3', `stages after three drops: ${observed.stages}`);
  expect(await fanOut(p, 's1') === 'fixed(params.tasks)', `s1 rule: ${await fanOut(p, 's1')}`);

  // s2 each over s1, s3 each over s2 then fan_in from the side panel
  await connect(p, 's1', 's2');
  await connect(p, 's2', 's3');
  await p.click(`${node('s3')} .name`);
  await p.selectOption('#stage-kind', 'fan_in');
  observed.rules = [await fanOut(p, 's1'), await fanOut(p, 's2'), await fanOut(p, 's3')];
  expect(observed.rules.join(' ') === 'fixed(params.tasks) each(s1) fan_in(s2)', `rules: ${observed.rules}`);
  await settled(p);
  observed.unlabelled = [...await unlabelled(p)];
  await shot(p, '02-three-stages');

  // a wrong connection: s2 each over the later s3; the service's check marks s2
  await connect(p, 's3', 's2');
  const wrongAt = Date.now();
  await p.waitForSelector(`${node('s2')}[data-invalid=true]`, { timeout: 10_000 });
  observed.markerMs = Date.now() - wrongAt; // the 400 ms debounce and the service's check
  observed.wrongRule = await fanOut(p, 's2');
  observed.marker = await p.$eval(`${node('s2')} .errors`, (e) => e.textContent);
  observed.invalidNodes = await p.$$eval('.stage-node[data-invalid=true]', (es) => es.map((e) => e.dataset.stage));
  expect(observed.marker.includes('s3') && observed.invalidNodes.join() === 's2', `marker: ${observed.marker} on ${observed.invalidNodes}`);
  await p.click(`${node('s2')} .name`);
  observed.panelError = await p.$eval('.stage-panel .field-error', (e) => e.textContent);
  await shot(p, '03-invalid-connection');

  // fixed by connecting s1 to s2 again
  await connect(p, 's1', 's2');
  await p.waitForFunction(() => document.querySelectorAll('.stage-node[data-invalid=true]').length === 0
    && document.querySelector('#validity')?.textContent === 'valid', null, { timeout: 10_000 });
  expect(await fanOut(p, 's2') === 'each(s1)', `s2 after the fix: ${await fanOut(p, 's2')}`);

  // an edge selected and deleted leaves s2 without a source; the panel's source list (the keyboard way) reconnects it
  const edge = await p.locator('.react-flow__edge[aria-label^="s1 to s2 "] .react-flow__edge-path').boundingBox();
  await p.mouse.click(edge.x + edge.width * 0.25, edge.y + edge.height / 2);
  await p.waitForSelector('.react-flow__edge.selected');
  await p.keyboard.press('Delete');
  await p.waitForSelector(`${node('s2')}[data-invalid=true]`, { timeout: 10_000 });
  observed.edgeDeleted = await fanOut(p, 's2');
  await p.click(`${node('s2')} .name`);
  await p.selectOption('#stage-source', 's1');
  await p.waitForFunction(() => document.querySelectorAll('.stage-node[data-invalid=true]').length === 0
    && document.querySelector('#validity')?.textContent === 'valid' && document.querySelectorAll('.react-flow__edge').length === 2,
    null, { timeout: 10_000 });
  expect(observed.edgeDeleted === 'each()' && await fanOut(p, 's2') === 'each(s1)', `edge delete and reconnect: ${observed.edgeDeleted}`);

  // keyboard: Delete removes the selected stage, Ctrl+Z brings it back, Delete again
  // the fourth is added from the keyboard: Enter on a palette entry
  await p.focus('.palette-item[data-task-type="hello_world_greeting"]');
  await p.keyboard.press('Enter');
  await p.waitForSelector(node('s4'));
  observed.keyboardAdded = await p.$eval(`${node('s4')} .type`, (e) => e.textContent);
  await p.click(`${node('s4')} .name`);
  await p.keyboard.press('Delete');
  await p.waitForSelector(node('s4'), { state: 'detached' });
  await p.keyboard.press('Control+z');
  await p.waitForSelector(node('s4'));
  observed.undo = await p.$$eval('.stage-node', (es) => es.length);
  await p.click(`${node('s4')} .name`);
  await p.keyboard.press('Delete');
  await p.waitForSelector(node('s4'), { state: 'detached' });
  await settled(p);
  observed.afterDelete = await p.$$eval('.stage-node', (es) => es.map((e) => e.dataset.stage));
  expect(observed.undo === 4 && observed.afterDelete.join() === 's1,s2,s3', `undo ${observed.undo}, after delete ${observed.afterDelete}`);
  expect(observed.keyboardAdded.startsWith('hello_world_greeting'), `added from the keyboard: ${observed.keyboardAdded}`);

  // auto layout, save the draft
  await p.click('button:text-is("Auto layout")');
  await p.click('#save');
  await p.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('saved'));
  await shot(p, '04-saved');

  // plan preview for tasks = N: s1 plans N tasks, nothing runs
  await p.click('#tab-run');
  await p.fill('#run-tasks', String(tasks));
  await p.fill('#run-work_ms', '1500');
  await p.click('#preview-plan');
  const planAt = Date.now();
  await p.waitForSelector(`${node('s1')}[data-planned="${tasks}"]`, { timeout: 10_000 });
  observed.planMs = Date.now() - planAt;
  observed.plan = await p.$$eval('.stage-node .plan', (es) => es.map((e) => e.textContent));
  await p.click('#tab-parameters');
  observed.unlabelled.push(...await unlabelled(p));
  await p.click('#tab-run');
  observed.unlabelled.push(...await unlabelled(p));
  observed.fits = await fits(p);
  observed.planTotal = await p.$eval('#plan-total', (e) => e.textContent);
  await shot(p, '05-plan');

  // publish (admin), run, and the monitor until every stage node completed
  await p.click('#publish');
  await p.waitForFunction(() => /Published .* version 1/.test(document.querySelector('#status')?.textContent ?? ''));
  await p.click('#run');
  await p.waitForSelector('#run-status');
  const runAt = Date.now();
  const deadline = Date.now() + 120_000;
  observed.states = [];
  for (;;) {
    const states = await p.$$eval('.stage-node', (es) => es.map((e) => `${e.dataset.stage}:${e.dataset.status}`).join(' '));
    if (observed.states[observed.states.length - 1] !== states) observed.states.push(states);
    if (!observed.runningShot && /:(waiting|queued|pending|running|processing)/.test(states) && /:(running|processing|completed)/.test(states)) {
      await shot(p, '06-running');
      observed.runningShot = true;
    }
    if (states === 's1:completed s2:completed s3:completed') { observed.runSeenCompleteMs = Date.now() - runAt; break; }
    if (Date.now() > deadline) { problems.push(`the run did not complete in the monitor: ${states}`); break; }
    await p.waitForTimeout(300);
  }
  await p.waitForFunction(() => document.querySelector('#run-status')?.textContent === 'completed', null, { timeout: 10_000 });
  observed.counts = await p.$$eval('.stage-node .counts', (es) => es.map((e) => e.textContent));
  observed.jobLink = await p.$eval('#job-link', (a) => a.getAttribute('href'));
  await shot(p, '07-completed');

  // publishing again (nothing changed) saves a fresh draft of it and makes version 2; the run stays on 1
  await p.click('#publish');
  await p.waitForFunction(() => /Published .* version 2/.test(document.querySelector('#status')?.textContent ?? ''));
  observed.state = await p.$eval('#state', (e) => e.textContent);
  // the versions list; archiving v2 (admin) makes v1 the version new jobs run
  await p.waitForSelector('.versions tr[data-version="2"][data-status="published"]');
  await p.click('button[aria-label="archive version 2"]');
  await p.waitForSelector('.versions tr[data-version="2"][data-status="archived"]');
  observed.versions = await p.$$eval('.versions tbody tr', (rs) => rs.map((r) => `v${r.dataset.version}:${r.dataset.status}`));
  observed.stateAfterArchive = await p.$eval('#state', (e) => e.textContent);
  expect(observed.versions.join() === 'v2:archived,v1:published' && observed.stateAfterArchive.includes('published v1'),
    `versions ${observed.versions}, ${observed.stateAfterArchive}`);
  await shot(p, '07b-versions');

  // the monitor's link opens the run in the dashboard
  await p.click('#job-link');
  await p.waitForSelector('#swimlane .lane');
  observed.dashboardLanes = await p.$$eval('#swimlane .lane', (ls) => ls.length);
  expect(observed.dashboardLanes === 3, `dashboard lanes: ${observed.dashboardLanes}`);
  await p.screenshot({ path: `${shots}/builder-08-job-page.png`, fullPage: true });

  // reopening the pipeline shows its stored definition
  await p.goto(`${base}/ui/builder?pipeline=${name}`);
  await p.waitForSelector(node('s3'));
  observed.reopened = [await fanOut(p, 's1'), await fanOut(p, 's2'), await fanOut(p, 's3')];
  expect(observed.reopened.join(' ') === 'fixed(params.tasks) each(s1) fan_in(s2)', `reopened: ${observed.reopened}`);
  expect(observed.unlabelled.length === 0, `controls without a label: ${observed.unlabelled}`);
  expect(observed.fits, 'the builder does not fit a 1280 x 800 window');

  // a submitter may run the published pipeline, but is offered no Publish
  if (submitterKey) {
    const s = await watchedPage(await browser.newContext({ viewport: { width: 1280, height: 800 } }), 'submitter', problems,
      { onlyFrom: base });
    await s.goto(`${base}/ui/builder?pipeline=${name}`);
    await s.fill('#api-key', submitterKey);
    await s.click('.key-form button[type=submit]');
    await s.waitForSelector(node('s3'));
    await s.click('#tab-run');
    observed.submitter = { publish: await s.$$eval('#publish', (b) => b.length), runEnabled: await s.$eval('#run', (b) => !b.disabled),
      note: await s.$eval('.run-panel', (e) => e.textContent.includes('Only an admin may publish')) };
    expect(observed.submitter.publish === 0 && observed.submitter.runEnabled && observed.submitter.note,
      `submitter view: ${JSON.stringify(observed.submitter)}`);
    await shot(s, '09-submitter');
  }

  // a reader sees the pipeline read-only: nothing to save, plan or run, and no call it may not make
  if (readerKey) {
    const r = await watchedPage(await browser.newContext({ viewport: { width: 1280, height: 800 } }), 'reader', problems,
      { onlyFrom: base });
    await r.goto(`${base}/ui/builder?pipeline=${name}`);
    await r.fill('#api-key', readerKey);
    await r.click('.key-form button[type=submit]');
    await r.waitForSelector(node('s3'));
    await r.click('#tab-run');
    observed.reader = { validity: await r.$eval('#validity', (e) => e.textContent), save: await r.$eval('#save', (b) => b.disabled),
      run: await r.$eval('#run', (b) => b.disabled), preview: await r.$eval('#preview-plan', (b) => b.disabled) };
    expect(observed.reader.validity === 'read-only' && observed.reader.save && observed.reader.run && observed.reader.preview,
      `reader view: ${JSON.stringify(observed.reader)}`);
  }
} catch (e) {
  problems.push(`test error: ${e.stack ?? e}`);
  for (const p of browser.contexts().flatMap((c) => c.pages())) {
    observed.statusAtFailure = await p.$eval('#status', (s) => s.textContent).catch(() => null);
    await p.screenshot({ path: `${shots}/builder-failure.png` }).catch(() => {});
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify({ observed, problems }, null, 1));
process.exit(problems.length ? 1 : 0);
