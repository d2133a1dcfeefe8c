// Map preview: Natural Earth countries from the service as the basemap (no tile server), a
// table's features and COG footprints (geometry of their STAC items) on top.
import L from 'leaflet';
import type { Feature, FeatureCollection } from 'geojson';
import { JobList, Output, api } from '../api';
import { h, replace } from '../dom';
import { ago, count, shortId } from '../format';
import type { View } from '../main';

let basemap: Promise<FeatureCollection> | null = null;

interface TablePreview extends FeatureCollection {
  schema: string; table: string; limit: number; feature_count: number; truncated: boolean;
}

/** Draws the outputs on the basemap; returns the map, which the caller removes when its view goes. */
export async function previewMap(el: HTMLElement, outputs: Output[]): Promise<L.Map> {
  const box = h('div', { class: 'map', id: 'map' });
  const notes = h('ul', { class: 'map-notes' });
  el.append(box, notes);
  const map = L.map(box, { preferCanvas: true, worldCopyJump: false, minZoom: 1, maxZoom: 18, attributionControl: true });
  map.attributionControl.setPrefix(false).addAttribution('Natural Earth');
  map.setView([20, 0], 1);
  basemap ??= api<FeatureCollection>('/api/preview/basemap');
  try {
    const countries = await basemap;
    // countries are simplified one by one, so neighbours leave slivers between them: a wide stroke
    // in the land colour underneath closes them, the thin borders are drawn on top
    L.geoJSON(countries, { interactive: false, style: { color: '#eef0f2', weight: 3, fillColor: '#eef0f2', fillOpacity: 1 } }).addTo(map);
    L.geoJSON(countries, { interactive: false, style: { color: '#a3adb8', weight: 0.7, fill: false } }).addTo(map);
  } catch (e) {
    basemap = null; // asked again next time
    notes.append(h('li', { class: 'muted' }, `no basemap: ${(e as Error).message}`));
  }
  const bounds = L.latLngBounds([]);
  for (const o of outputs) {
    try {
      await drawOutput(map, o, bounds, notes);
    } catch (e) {
      notes.append(h('li', { class: 'error' }, `${o.kind} ${o.table ?? o.item}: ${(e as Error).message}`));
    }
  }
  if (bounds.isValid()) map.fitBounds(bounds.pad(0.3), { maxZoom: 12 });
  box.setAttribute('data-ready', 'true');
  return map;
}

async function drawOutput(map: L.Map, o: Output, bounds: L.LatLngBounds, notes: HTMLElement): Promise<void> {
  if (o.kind === 'table' && o.schema && o.table) {
    const fc = await api<TablePreview>(`/api/preview/tables/${encodeURIComponent(o.schema)}/${encodeURIComponent(o.table)}?limit=1000`);
    const layer = L.geoJSON(fc, {
      style: { color: '#1d5fbf', weight: 1.5, fillColor: '#3b82f6', fillOpacity: 0.35 },
      pointToLayer: (_f, at) => L.circleMarker(at, { radius: 4, color: '#1d5fbf', weight: 1, fillColor: '#3b82f6', fillOpacity: 0.8 }),
      onEachFeature: (f, l) => l.bindTooltip(tooltip(f.properties)),
    }).addTo(map);
    if (fc.features.length) bounds.extend(layer.getBounds());
    notes.append(h('li', { 'data-output': `${o.schema}.${o.table}` }, h('i', { class: 'swatch table' }),
      `table ${o.schema}.${o.table}: ${count(fc.features.length)} of ${count(fc.feature_count)} features drawn`
      + (fc.truncated ? ` (first ${count(fc.limit)})` : '')));
  } else if (o.kind === 'cog' && o.collection && o.item) {
    const item = await api<Feature & { bbox?: number[] }>(
      `/api/stac/collections/${encodeURIComponent(o.collection)}/items/${encodeURIComponent(o.item)}?include_unpublished=true`);
    const layer = L.geoJSON(item, { style: { color: '#d9480f', weight: 2, dashArray: '6 4', fillColor: '#fd7e14', fillOpacity: 0.15 } })
      .bindTooltip(`COG ${o.item}`).addTo(map);
    bounds.extend(layer.getBounds());
    notes.append(h('li', { 'data-output': `${o.collection}/${o.item}` }, h('i', { class: 'swatch cog' }),
      `COG footprint ${o.collection}/${o.item}` + (o.width ? ` (${count(o.width)} × ${count(o.height)} px)` : '')));
  }
}

function tooltip(props: Record<string, unknown> | null): string {
  const text = Object.entries(props ?? {}).slice(0, 6).map(([k, v]) => `${k}: ${String(v)}`).join('\n');
  const div = document.createElement('div');
  div.style.whiteSpace = 'pre';
  div.textContent = text || '(no attributes)';
  return div.outerHTML;
}

/** #/map?table=schema.table&item=collection/item&job=<id> */
export const mapView: View = (el, ctx) => {
  const panel = h('section', { class: 'panel' }, h('h2', {}, 'Map preview'));
  el.append(panel);
  const outputs: Output[] = [];
  for (const t of ctx.params.getAll('table')) {
    const [schema, table] = t.split('.');
    outputs.push({ kind: 'table', schema, table });
  }
  for (const i of ctx.params.getAll('item')) {
    const [collection, item] = i.split('/');
    outputs.push({ kind: 'cog', collection, item });
  }
  const job = ctx.params.get('job');
  let map: L.Map | null = null;
  let gone = false;
  void (async () => {
    if (job) outputs.push(...(await api<{ outputs: Output[] }>(`/api/preview/jobs/${encodeURIComponent(job)}/outputs`)).outputs);
    if (outputs.length === 0) {
      panel.append(h('p', { class: 'muted' },
        'Pick a recent job below, or name an output: #/map?table=geo.my_table or #/map?item=collection/item.'));
      panel.append(await recentProducers());
    }
    map = await previewMap(panel, outputs).catch((e) => {
      replace(panel, h('p', { class: 'error' }, String(e)));
      return null;
    });
    if (gone) map?.remove();
  })();
  return () => {
    gone = true;
    map?.remove();
  };
};

/** The latest completed jobs that produce map outputs, as links to their preview. */
async function recentProducers(): Promise<HTMLElement> {
  const lists = await Promise.all(['process_vector', 'process_raster', 'ingest_collection'].map((t) =>
    api<JobList>(`/api/jobs?status=completed&job_type=${t}&limit=10`)));
  const jobs = lists.flatMap((l) => l.jobs).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, 15);
  if (jobs.length === 0) return h('p', { class: 'muted' }, 'no completed job has produced a table or a COG yet');
  return h('ul', { class: 'producers' }, ...jobs.map((j) => h('li', {},
    h('a', { href: `#/map?job=${encodeURIComponent(j.jobId)}`, class: 'mono' }, shortId(j.jobId)),
    ` ${j.jobType} · ${ago(j.updatedAt)}`)));
}
