// The operations UI: a hash router over four views. Each view mounts into #view and returns a
// function that stops its polling when the user navigates away.
import { ApiError, Me, api, auth, whenUnauthorized } from './api';
import { h, replace } from './dom';
import { jobsView } from './views/jobs';
import { jobView } from './views/job';
import { queuesView } from './views/queues';
import { mapView } from './views/map';

export type View = (el: HTMLElement, ctx: Context) => () => void;
export interface Context { me: Me; params: URLSearchParams; path: string[] }

const view = document.getElementById('view') as HTMLElement;
const who = document.getElementById('who') as HTMLElement;
let stop: () => void = () => {};
let me: Me | null = null;

function keyForm(message?: string): void {
  stop();
  stop = () => {};
  replace(who);
  const input = h('input', { type: 'password', id: 'api-key', placeholder: 'geoetl_…', autocomplete: 'off',
    size: 60 }) as HTMLInputElement;
  const form = h('form', { class: 'key-form', onsubmit: (e: Event) => {
    e.preventDefault();
    auth.set(input.value);
    me = null;
    void route();
  } },
  h('h1', {}, 'Sign in with an API key'),
  message ? h('p', { class: 'error' }, message) : null,
  h('p', {}, 'Paste an API key (geoetl_…) or an OIDC access token. Every call this page makes carries it; ',
    'it stays in this browser tab only (session storage). ',
    'The local admin key is in ', h('code', {}, '.local/admin.key'), ' (written by ', h('code', {}, 'make setup'), ').'),
  h('label', { for: 'api-key' }, 'API key'), input, h('button', { type: 'submit' }, 'Use key'));
  replace(view, form);
  input.focus();
}

whenUnauthorized(() => {
  auth.clear();
  me = null;
  keyForm('The key was refused (unknown, revoked or expired).');
});

async function route(): Promise<void> {
  stop();
  stop = () => {};
  if (!auth.key()) return keyForm();
  if (!me) {
    try {
      me = await api<Me>('/api/me');
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) replace(view, h('p', { class: 'error' }, String(e)));
      return;
    }
  }
  replace(who, h('span', { title: `authenticated by ${me.auth}` }, me.subject),
    h('span', { class: 'roles' }, me.roles.join(' · ')),
    h('button', { class: 'link', onclick: () => { auth.clear(); me = null; void route(); } }, 'sign out'));
  const hash = location.hash.replace(/^#\/?/, '');
  const [pathPart, query] = hash.split('?');
  const path = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  const ctx: Context = { me, params: new URLSearchParams(query ?? ''), path };
  const chosen: View = path[0] === 'jobs' && path[1] ? jobView
    : path[0] === 'queues' ? queuesView : path[0] === 'map' ? mapView : jobsView;
  document.querySelectorAll('header nav a').forEach((a) =>
    a.classList.toggle('active', (a as HTMLAnchorElement).hash === '#/' + (path[0] === 'jobs' ? '' : path[0] ?? '')));
  view.replaceChildren();
  stop = chosen(view, ctx);
}

window.addEventListener('hashchange', () => void route());
void route();
