// The pipeline editor: palette, canvas (React Flow), side panel (stage, parameters, plan & run).
// Every change is validated by the service (debounced) and its errors marked on the stage they name.
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background, Controls, ReactFlow, useNodesState, useReactFlow, useUpdateNodeInternals, type Connection, type Edge, type Node, type NodeChange,
} from '@xyflow/react';
import type { Me, Progress } from '../api';
import { client, type Plan, type TaskType } from './client';
import { layout } from './layout';
import { NAME, PARAM_TYPES, fanOutText, newId, placeErrors, toDefinition, type ParamType, type Pipeline } from './model';
import { connection, edgesOf, links, newStage, withoutSources, withoutStages } from './graph';
import { Palette, DRAG_TYPE } from './Palette';
import { Header } from './Header';
import { ParamsPanel } from './ParamsPanel';
import { RunPanel } from './RunPanel';
import { VersionsPanel } from './VersionsPanel';
import { StageNode, type StageData } from './StageNode';
import { StagePanel } from './StagePanel';
import { usePipeline, useUndoKey } from './usePipeline';
import { useValidation } from './useValidation';

const nodeTypes = { stage: StageNode };
type Tab = 'stage' | 'parameters' | 'run';

/** saved: the pipeline exists on the service; draft: it has a draft there (publishing consumes it) */
export interface Initial { pipeline: Pipeline; saved: boolean; draft: boolean; published: number | null }

export function Builder({ me, taskTypes, initial }: { me: Me; taskTypes: TaskType[]; initial: Initial }) {
  const { pipeline, version, update, updateStage, undo } = usePipeline(initial.pipeline);
  const [nodes, setNodes, onNodesChange] = useNodesState<Node<StageData>>([]);
  const [selectedEdges, setSelectedEdges] = useState<Set<string>>(new Set());
  const [saved, setSaved] = useState(initial.saved);
  const [hasDraft, setHasDraft] = useState(initial.draft);
  const [published, setPublished] = useState<number | null>(initial.published);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [tab, setTab] = useState<Tab>('parameters');
  const [status, setStatus] = useState<{ message: string; error: boolean }>({ message: '', error: false });
  const flow = useReactFlow();
  const report = useCallback((message: string, error = false) => setStatus({ message, error }), []);
  const definition = useMemo(() => toDefinition(pipeline), [pipeline]);
  // what the definition says (positions on the canvas are not part of it): validation, plan and saving follow it
  const defKey = useMemo(() => JSON.stringify(definition), [definition]);
  const [savedKey, setSavedKey] = useState(initial.saved ? defKey : '');
  // a reader sees pipelines but may not validate, save, plan or run them
  const editor = me.roles.includes('submitter');
  const { errors, checked } = useValidation(definition, defKey, report, editor);
  const upToDate = saved && savedKey === defKey;
  const placed = useMemo(() => placeErrors(errors), [errors]);
  const types = useMemo(() => new Map(taskTypes.map((t) => [t.name, t])), [taskTypes]);

  useEffect(() => {
    if (initial.pipeline.stages.length) void autoLayout(initial.pipeline);
  }, []);
  useEffect(() => setPlan(null), [defKey]);

  // the canvas follows the model: one node per stage, at the stage's position
  useEffect(() => setNodes((prev) => pipeline.stages.map((s) => {
    const old = prev.find((n) => n.id === s.id);
    return { ...(old ?? { data: {} as StageData }), id: s.id, type: 'stage', position: { x: s.x, y: s.y } } as Node<StageData>;
  })), [pipeline.stages]);
  // handles move with the node's content (errors, plan, counts): edges are drawn from re-measured handles
  const updateInternals = useUpdateNodeInternals();
  const stageIds = pipeline.stages.map((s) => s.id).join();
  useEffect(() => {
    const frame = requestAnimationFrame(() => updateInternals(stageIds.split(',').filter(Boolean)));
    return () => cancelAnimationFrame(frame);
  }, [version, errors, plan, progress]);

  const selected = nodes.find((n) => n.selected);
  const selectedIndex = selected ? pipeline.stages.findIndex((s) => s.id === selected.id) : -1;
  const shown = nodes.flatMap((n) => {
    const i = pipeline.stages.findIndex((s) => s.id === n.id);
    const s = pipeline.stages[i];
    if (!s) return []; // removed from the model; the canvas catches up after this render
    const run = progress?.stages.find((p) => p.stage === i + 1);
    const data: StageData = {
      number: i + 1, name: s.name, taskType: s.taskType, fanOut: fanOutText(s), queue: types.get(s.taskType)?.queue_class,
      errors: placed.stages.get(i) ?? [], plan: plan?.stages.find((p) => p.number === i + 1),
      run: run && { status: run.status, total: run.tasks.total, completed: run.tasks.completed ?? 0,
        failed: run.tasks.failed ?? 0, processing: run.tasks.processing ?? 0 },
    };
    return [{ ...n, data }];
  });
  const edges = edgesOf(pipeline, selectedEdges, (i) => placed.stages.has(i));

  async function autoLayout(p: Pipeline = pipeline) {
    const sized = p.stages.map((s) => {
      const n = flow.getNode(s.id);
      return { id: s.id, width: n?.measured?.width ?? 220, height: n?.measured?.height ?? 110 };
    });
    const at = await layout(sized, links(p));
    update((q) => ({ ...q, stages: q.stages.map((s) => ({ ...s, ...(at.get(s.id) ?? {}) })) }));
    window.setTimeout(() => void flow.fitView({ padding: 0.2, maxZoom: 1 }), 50);
  }

  const addStage = (taskType: string, x: number, y: number) => {
    const stage = newStage(pipeline, taskType, x, y);
    update((p) => ({ ...p, stages: [...p.stages, stage] }));
    setNodes((ns) => ns.map((n) => ({ ...n, selected: false })));
    window.setTimeout(() => setNodes((ns) => ns.map((n) => ({ ...n, selected: n.id === stage.id }))), 0);
    setTab('stage');
  };
  const addParam = (name: string, type: string) => update((p) => ({ ...p, params: [...p.params, { id: newId('p'), name,
    type: (PARAM_TYPES as readonly string[]).includes(type) ? type as ParamType : 'string', defaultValue: '', minimum: '',
    maximum: '', required: false, description: '' }] }));
  const onDrop = (e: DragEvent) => {
    const taskType = e.dataTransfer.getData(DRAG_TYPE);
    if (!taskType) return;
    e.preventDefault();
    const at = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    addStage(taskType, at.x - 95, at.y - 30);
  };
  // from the keyboard: below the lowest stage, and the canvas pans to it
  const addByKeyboard = (taskType: string) => {
    const last = pipeline.stages[pipeline.stages.length - 1];
    const x = last ? last.x : 40;
    const y = last ? Math.max(...pipeline.stages.map((s) => s.y)) + 150 : 80;
    addStage(taskType, x, y);
    void flow.setCenter(x + 95, y + 40, { zoom: flow.getZoom(), duration: 200 });
  };

  const onConnect = (c: Connection) => {
    const from = pipeline.stages.find((s) => s.id === c.source);
    const to = pipeline.stages.find((s) => s.id === c.target);
    if (from && to) updateStage(to.id, connection(from, to));
  };
  const removeStages = (ids: string[]) => update((p) => withoutStages(p, ids));
  const onDelete = ({ nodes: ns, edges: es }: { nodes: Node[]; edges: Edge[] }) => {
    if (ns.length) removeStages(ns.map((n) => n.id));
    else if (es.length) update((p) => withoutSources(p, es.map((e) => e.target)));
    setSelectedEdges(new Set());
  };
  const onNodes = (changes: NodeChange<Node<StageData>>[]) => {
    onNodesChange(changes.filter((c) => c.type !== 'remove'));
    if (changes.some((c) => c.type === 'select' && c.selected)) setTab('stage');
  };
  const onDragStop = (_: unknown, _n: Node, moved: Node[]) => update((p) => ({ ...p, stages: p.stages.map((s) => {
    const m = moved.find((n) => n.id === s.id);
    return m ? { ...s, x: m.position.x, y: m.position.y } : s;
  }) }));

  useUndoKey(undo, report);

  /** saves the definition when it changed; with draft, also when the service holds no draft of it (publish needs one) */
  const ensureSaved = async (draft = false): Promise<boolean> => {
    if (upToDate && (!draft || hasDraft)) return true;
    try {
      if (saved) await client.update(definition); else await client.create(definition);
      setSaved(true);
      setSavedKey(defKey);
      setHasDraft(true);
      report(`Draft ${definition.job_type} saved.`);
      history.replaceState(null, '', `/ui/builder?pipeline=${encodeURIComponent(definition.job_type)}`);
      return true;
    } catch (e) {
      report(`save: ${(e as Error).message}`, true);
      return false;
    }
  };

  const valid = checked && errors.length === 0 && NAME.test(pipeline.name);
  const stage = selectedIndex >= 0 ? pipeline.stages[selectedIndex] : null;
  const admin = me.roles.includes('admin');
  return (
    <div className="builder">
      <Header me={me} name={pipeline.name} nameFixed={saved} onName={(name) => update((p) => ({ ...p, name }), 'name')}
        checked={checked} errors={errors.length} valid={valid} upToDate={upToDate} published={published}
        canSave={editor && NAME.test(pipeline.name)} editor={editor} unsaved={pipeline.stages.length > 0 && !upToDate}
        onLayout={() => void autoLayout()} onUndo={() => { if (undo()) report('Undone.'); }} onSave={() => void ensureSaved()} />
      <div className="builder-main">
        <Palette taskTypes={taskTypes} onAdd={addByKeyboard} />
        <div className="canvas" onDragOver={(e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; }} onDrop={onDrop}
          aria-label="pipeline canvas: drop task types here; Delete removes the selected stage, Ctrl+Z undoes">
          <ReactFlow nodes={shown} edges={edges} nodeTypes={nodeTypes} onNodesChange={onNodes} onConnect={onConnect}
            onEdgesChange={(cs) => setSelectedEdges((prev) => {
              const next = new Set(prev);
              for (const c of cs) if (c.type === 'select') { if (c.selected) next.add(c.id); else next.delete(c.id); }
              return next;
            })}
            onDelete={onDelete} onNodeDragStop={onDragStop} deleteKeyCode={['Delete', 'Backspace']}
            proOptions={{ hideAttribution: true }} minZoom={0.3}>
            <Background gap={16} />
            <Controls showInteractive={false} />
          </ReactFlow>
          {pipeline.stages.length === 0 && <p className="canvas-hint">Drag a task type from the palette onto the canvas.</p>}
          {placed.general.length > 0 && (
            <ul className="general-errors" aria-label="pipeline errors">{placed.general.map((e, i) =>
              <li key={i} className="error">{e.path ? `${e.path}: ` : ''}{e.message}</li>)}</ul>
          )}
        </div>
        <aside className="side">
          <div role="tablist" aria-label="side panel">
            {(['stage', 'parameters', 'run'] as Tab[]).map((t) => (
              <button key={t} type="button" role="tab" id={`tab-${t}`} aria-selected={tab === t} aria-controls={`panel-${t}`}
                onClick={() => setTab(t)}>{t === 'run' ? 'Plan & run' : t === 'stage' ? 'Stage' : 'Parameters'}</button>
            ))}
          </div>
          {/* every panel stays mounted (a run keeps being monitored while another tab is open); the others are hidden */}
          <div id="panel-stage" className="tabpanel" role="tabpanel" aria-labelledby="tab-stage" hidden={tab !== 'stage'}>
            {stage ? (
              <StagePanel stage={stage} index={selectedIndex} stages={pipeline.stages} params={pipeline.params} taskTypes={taskTypes}
                errors={placed.stages.get(selectedIndex) ?? []} onDelete={() => removeStages([stage.id])} onAddParam={addParam}
                onChange={(patch) => updateStage(stage.id, patch, `${stage.id}:${Object.keys(patch).join()}`)} />
            ) : <p className="muted">Select a stage on the canvas to edit it.</p>}
          </div>
          <div id="panel-parameters" className="tabpanel" role="tabpanel" aria-labelledby="tab-parameters" hidden={tab !== 'parameters'}>
            <label htmlFor="pipeline-description">Pipeline description</label>
            <textarea id="pipeline-description" rows={2} value={pipeline.description}
              onChange={(e) => update((p) => ({ ...p, description: e.target.value }), 'description')} />
            <ParamsPanel params={pipeline.params} errors={placed.params} onChange={(params) => update((p) => ({ ...p, params }), 'params')} />
          </div>
          <div id="panel-run" className="tabpanel" role="tabpanel" aria-labelledby="tab-run" hidden={tab !== 'run'}>
            <RunPanel name={pipeline.name} schema={definition.parameters} admin={admin} valid={valid && editor}
              canRun={published !== null && editor} ensureSaved={ensureSaved} onPlan={setPlan} onProgress={setProgress}
              onPublished={(v) => { setPublished(v); setHasDraft(false); }} report={report} />
            {saved && <VersionsPanel name={pipeline.name} admin={admin} refresh={published} onLatest={setPublished} report={report} />}
          </div>
          <p id="status" role="status" className={status.error ? 'error' : 'muted'}>{status.message}</p>
        </aside>
      </div>
    </div>
  );
}
