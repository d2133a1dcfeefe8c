// Auto-layout of the stage graph with elkjs (layered, left to right: a stage after the stages it reads).
// elkjs is most of the builder's weight, so it is a separate chunk loaded the first time a layout runs.
import type { ELK as Elk } from 'elkjs/lib/elk-api';

let elk: Promise<Elk> | null = null;
const engine = () => (elk ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default()));

export interface Box { id: string; width: number; height: number }

export async function layout(boxes: Box[], edges: { source: string; target: string }[]): Promise<Map<string, { x: number; y: number }>> {
  const graph = await (await engine()).layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered', 'elk.direction': 'RIGHT', 'elk.spacing.nodeNode': '40',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70', 'elk.padding': '[top=30,left=30,bottom=30,right=30]',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: boxes.map((b) => ({ id: b.id, width: b.width, height: b.height })),
    edges: edges.map((e, i) => ({ id: `e${i}`, sources: [e.source], targets: [e.target] })),
  });
  const out = new Map<string, { x: number; y: number }>();
  for (const c of graph.children ?? []) out.set(c.id, { x: c.x ?? 0, y: c.y ?? 0 });
  return out;
}
