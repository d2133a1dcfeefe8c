// Validation as you edit: the definition goes to POST /api/pipelines/{name}/validate 400 ms after
// the last change to it (key: its JSON); an answer that arrives after a newer change is dropped.
import { useEffect, useRef, useState } from 'react';
import { client } from './client';
import { NAME, type Definition, type ValidationError } from './model';

export function useValidation(definition: Definition, key: string, report: (m: string, error?: boolean) => void, enabled = true) {
  const [errors, setErrors] = useState<ValidationError[]>([]);
  const [checked, setChecked] = useState(false);
  const latest = useRef(0);
  useEffect(() => {
    setChecked(false);
    if (!enabled) return; // validating needs the submitter role
    if (!NAME.test(definition.job_type)) {
      setErrors([{ path: 'job_type', message: 'name the pipeline: 3 to 63 lower case letters, digits or _, starting with a letter' }]);
      setChecked(true);
      return;
    }
    if (!definition.stages.length) {
      setErrors([{ path: 'stages', message: 'a pipeline needs at least one stage: drag a task type onto the canvas' }]);
      setChecked(true);
      return;
    }
    const mine = ++latest.current;
    const timer = window.setTimeout(async () => {
      try {
        const r = await client.validate(definition);
        if (mine !== latest.current) return;
        setErrors(r.errors);
        setChecked(true);
      } catch (e) {
        if (mine === latest.current) report(`validate: ${(e as Error).message}`, true);
      }
    }, 400);
    return () => clearTimeout(timer);
  }, [key]);
  return { errors, checked };
}
