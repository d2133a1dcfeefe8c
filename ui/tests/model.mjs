// Unit checks of the builder's model (src/builder/model.ts, bundled on the fly by esbuild): a
// definition read into the editor and written back is the same definition, fan-out rules parse
// back to themselves, and validation errors land on the stage or parameter their path names.
// Run by `npm run build` (so by every Maven build of the UI); exits 1 on a failure.
import * as esbuild from 'esbuild';
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

const bundle = await esbuild.build({ entryPoints: ['src/builder/model.ts'], bundle: true, write: false, format: 'esm' });
const m = await import('data:text/javascript,' + encodeURIComponent(bundle.outputFiles[0].text));

const definition = {
  job_type: 'hello_copy', description: 'two stages and a batch',
  parameters: { type: 'object', required: ['n'], properties: {
    n: { type: 'integer', minimum: 1, maximum: 1000, default: 3, description: 'number of greetings' },
    message: { type: 'string', maxLength: 500, default: 'Hello World' },
    kind: { type: 'string', enum: ['a', 'b'] }, tiles: { type: 'array', items: { type: 'string' } },
    dry: { type: 'boolean', default: false } } },
  stages: [
    { name: 'greeting', task_type: 'hello_world_greeting', fan_out: 'fixed(params.n)' },
    { name: 'reply', task_type: 'hello_world_reply', fan_out: 'each(greeting)', run_if: 'params.n >= 2', description: 'one per greeting' },
    { name: 'pack', task_type: 'benchmark_task', fan_out: 'batch(reply.items, 10)' },
    { name: 'tiles', task_type: 'benchmark_task', fan_out: 'each(params.tiles)' },
    { name: 'done', task_type: 'benchmark_task', fan_out: 'fan_in(pack)' },
    { name: 'one', task_type: 'benchmark_task', fan_out: 'single' },
  ],
};
deepStrictEqual(m.toDefinition(m.fromDefinition(definition)), definition);

for (const rule of ['single', 'fixed(4)', 'fixed(params.n)', 'each(s1)', 'each(s1.items)', 'each(params.list)',
  'batch(s1, 10)', 'batch(params.list, params.size)', 'fan_in(s2)']) {
  strictEqual(m.fanOutText({ ...m.parseFanOut(rule) }), rule);
}
strictEqual(m.sourceStage({ kind: 'each', source: 's1.items' }), 's1');
strictEqual(m.sourceStage({ kind: 'each', source: 'params.list' }), null);
strictEqual(m.sourceStage({ kind: 'fixed', source: '', count: '3' }), null);

const placed = m.placeErrors([
  { path: 'stages[1].fan_out', message: 'a' }, { path: 'stages[1].name', message: 'b' },
  { path: 'parameters.properties.n.minimum', message: 'c' }, { path: 'job_type', message: 'd' },
]);
deepStrictEqual([...placed.stages.keys()], [1]);
strictEqual(placed.stages.get(1).length, 2);
deepStrictEqual([...placed.params.keys()], ['n']);
deepStrictEqual(placed.general.map((e) => e.message), ['d']);
console.log('ui: builder model checks passed');
