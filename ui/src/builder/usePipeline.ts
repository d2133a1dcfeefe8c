// The pipeline being edited, with an undo history: every change goes through update(); changes to
// the same field within a second (typing) are one undo step.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Pipeline, Stage } from './model';

export function usePipeline(initial: Pipeline) {
  const [pipeline, setPipeline] = useState<Pipeline>(initial);
  const [version, setVersion] = useState(0); // bumps on every change: plan and validation follow it
  const past = useRef<Pipeline[]>([]);
  const last = useRef<{ key: string; at: number }>({ key: '', at: 0 });
  const current = useRef(pipeline);
  current.current = pipeline;

  const update = useCallback((fn: (p: Pipeline) => Pipeline, coalesce = '') => {
    const now = Date.now();
    if (!coalesce || last.current.key !== coalesce || now - last.current.at > 1000) {
      past.current.push(current.current);
      if (past.current.length > 200) past.current.shift();
    }
    last.current = { key: coalesce, at: now };
    setPipeline((p) => fn(p));
    setVersion((v) => v + 1);
  }, []);

  const undo = useCallback(() => {
    const prev = past.current.pop();
    if (!prev) return false;
    last.current = { key: '', at: 0 };
    setPipeline(prev);
    setVersion((v) => v + 1);
    return true;
  }, []);

  const updateStage = useCallback((id: string, patch: Partial<Stage>, coalesce = '') => update((p) => {
    const old = p.stages.find((s) => s.id === id);
    const renamed = old && patch.name !== undefined && patch.name !== old.name ? old.name : null;
    return {
      ...p,
      stages: p.stages.map((s) => {
        if (s.id === id) return { ...s, ...patch };
        // a renamed stage keeps the stages that read it connected
        if (renamed && (s.source === renamed || s.source.startsWith(renamed + '.'))) {
          return { ...s, source: patch.name + s.source.slice(renamed.length) };
        }
        return s;
      }),
    };
  }, coalesce), [update]);

  return { pipeline, version, update, updateStage, undo };
}

/** Ctrl+Z outside text fields undoes the last change (inside them the field's own undo applies). */
export function useUndoKey(undo: () => boolean, report: (m: string) => void) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z' && !/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) {
        e.preventDefault();
        if (undo()) report('Undone.');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, report]);
}
