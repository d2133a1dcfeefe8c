export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

export function rate(perMin: number | null | undefined): string {
  if (perMin === null || perMin === undefined) return '—';
  return perMin >= 100 ? `${Math.round(perMin).toLocaleString('en')}/min` : `${perMin.toFixed(1)}/min`;
}

export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

export function ago(iso: string | null | undefined): string {
  if (!iso) return '—';
  const s = (Date.now() - new Date(iso).getTime()) / 1000;
  return s < 5 ? 'just now' : `${duration(s)} ago`;
}

export function shortId(id: string): string {
  return id.length > 12 ? id.slice(0, 12) + '…' : id;
}

export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : n.toLocaleString('en');
}
