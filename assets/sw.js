// why401's service worker: keeps the app's own files so the page opens with the network off.
//
// It answers for exactly the files of one build (listed by scripts/precache.py, which writes
// this file into dist/ with the two placeholders below filled in) and for the page's own
// address. Every other request (the user's API call, a JWKS, a token endpoint) is not touched:
// it goes to the network as the page made it, and nothing the user types is ever stored.
//
// A new deployment is a new sw.js (its VERSION is a digest of every file). It installs beside
// the running one and waits: the page offers "Reload" and sends "skip-waiting" when pressed,
// so a page is never swapped under someone who is typing.
'use strict';

const VERSION = '__WHY401_VERSION__';
const FILES = __WHY401_FILES__;
const CACHE = `why401-${VERSION}`;
const SCOPE = new URL(self.registration.scope);
const OURS = new Set(FILES.map((f) => new URL(f, SCOPE).href));
const PAGE = new URL('index.html', SCOPE).href;

self.addEventListener('install', (event) => {
  // `reload` skips the HTTP cache: a CDN's cached index.html of the last deployment must not be
  // stored beside this deployment's files.
  const requests = FILES.map((f) => new Request(new URL(f, SCOPE), { cache: 'reload' }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('why401-') && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

/** The cached file that answers `request`, or null when the request is not the app's. */
function cachedUrl(request) {
  if (request.method !== 'GET') return null;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin) return null;
  // The page itself, whatever its query: a sign-in comes back with ?code=…&state=….
  if (request.mode === 'navigate' && (url.pathname === SCOPE.pathname || url.href.split('?')[0] === PAGE)) return PAGE;
  url.hash = '';
  return url.search === '' && OURS.has(url.href) ? url.href : null;
}

self.addEventListener('fetch', (event) => {
  const key = cachedUrl(event.request);
  if (key === null) return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(key))
      .then((hit) => hit || fetch(event.request)),
  );
});
