// The palette: one entry per task type (GET /api/task-types). Drag one onto the canvas to add a
// stage; Enter or a click adds it next to the last stage (the keyboard way).
import { useState } from 'react';
import type { TaskType } from './client';

export const DRAG_TYPE = 'application/x-geoetl-task-type';

export function Palette({ taskTypes, onAdd }: { taskTypes: TaskType[]; onAdd: (taskType: string) => void }) {
  const [filter, setFilter] = useState('');
  const shown = taskTypes.filter((t) => t.name.includes(filter.trim().toLowerCase()));
  return (
    <nav className="palette" aria-label="task types">
      <h2>Task types</h2>
      <p className="muted small">Drag onto the canvas, or press Enter to add.</p>
      <label htmlFor="palette-filter" className="small">Filter</label>
      <input id="palette-filter" type="search" value={filter} placeholder="e.g. vector" onChange={(e) => setFilter(e.target.value)} />
      <ul>
        {shown.map((t) => (
          <li key={t.name}>
            <button type="button" draggable className="palette-item" data-task-type={t.name} title={t.description}
              aria-label={`add stage of task type ${t.name} (${t.queue_class} queue)`}
              onDragStart={(e) => { e.dataTransfer.setData(DRAG_TYPE, t.name); e.dataTransfer.effectAllowed = 'copy'; }}
              onClick={() => onAdd(t.name)}>
              <span className="name">{t.name}</span><span className={`queue ${t.queue_class}`}>{t.queue_class}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
