// The dashboard: asks for an API key, learns the key's role from /api/v1/me, then shows one view per route
// (#/rollouts, #/rollouts/{id}, #/submit). Any 401 returns to the key prompt.
import { ApiClient } from './api.js';
import { session } from './session.js';
import { say } from './dom.js';
import { ListView } from './listView.js';
import { RolloutView } from './rolloutView.js';
import { SubmitView } from './submitView.js';

const $ = id => document.getElementById(id);
const ROLLOUT_ROUTE = /^#\/rollouts\/([0-9a-fA-F-]{36})$/;

let context = null;
let current = null;
let flashed = null;

function notify(message, tone = 'info') {
  const status = $('status');
  status.textContent = message ?? '';
  status.className = `status tone-${tone}`;
  status.hidden = !message;
}

/** A message for the next view (a submit that navigates to its rollout). */
function flash(message, tone = 'info') {
  flashed = { message, tone };
}

function stopView() {
  current?.stop();
  current = null;
  $('view').replaceChildren();
}

function showPrompt(error) {
  stopView();
  context = null;
  notify(null);
  $('nav').hidden = true;
  $('who').hidden = true;
  $('key-prompt').hidden = false;
  say($('key-error'), error);
  $('key-input').focus();
}

function refused(error) {
  session.key = null;
  showPrompt(`The service refused the key: ${error.problem.detail ?? error.message} Paste a valid key.`);
}

async function signIn(key) {
  const api = new ApiClient(key, refused);
  let me;
  try {
    me = await api.me();
  } catch (error) {
    // A 401 already went through refused(); anything else (the service is down) is said at the prompt.
    if (error.status !== 401) showPrompt(error.message);
    return;
  }

  session.key = key;
  context = { api, me, notify, flash };
  $('key-prompt').hidden = true;
  $('who-name').textContent = me.name;
  $('who-role').textContent = me.role;
  $('who').hidden = false;
  $('nav').hidden = false;
  $('nav-submit').hidden = !me.actions.includes('submit');
  route();
}

function route() {
  if (!context) return;
  stopView();
  notify(flashed?.message ?? null, flashed?.tone);
  flashed = null;
  const hash = location.hash || '#/rollouts';
  const match = ROLLOUT_ROUTE.exec(hash);
  if (match) current = new RolloutView(context, match[1]);
  else if (hash === '#/submit' && context.me.actions.includes('submit')) current = new SubmitView(context);
  else current = new ListView(context);
  for (const link of document.querySelectorAll('#nav a')) {
    const here = link.getAttribute('href') === hash || (!match && hash.startsWith('#/rollouts') && link.getAttribute('href') === '#/rollouts');
    if (here) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  current.start($('view'));
}

function start() {
  $('key-form').addEventListener('submit', event => {
    event.preventDefault();
    const input = $('key-input');
    const key = input.value.trim();
    input.value = '';
    if (!key) {
      showPrompt('Paste an API key first.');
      return;
    }
    signIn(key);
  });

  $('sign-out').addEventListener('click', () => {
    session.key = null;
    showPrompt(null);
  });

  window.addEventListener('hashchange', () => {
    route();
    $('main').focus({ preventScroll: true });
  });

  const stored = session.key;
  if (stored) signIn(stored);
  else showPrompt(null);
}

start();
