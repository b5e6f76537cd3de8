// Boots the web interface: language, session, the header and the hash router.
import { api, ApiError, hasSession, onUnauthorized } from './api/client';
import { h, replace } from './dom';
import { loadLanguage, storedLanguage } from './i18n';
import { navigate, parseHash, startRouter } from './router';
import { routes } from './routes';
import { currentUser, signedIn, signedOut } from './session';
import { startShell } from './shell';

async function boot(): Promise<void> {
  await loadLanguage(storedLanguage() ?? 'lo');
  onUnauthorized(() => {
    if (!currentUser()) return;
    signedOut();
    navigate(`/login?next=${encodeURIComponent(parseHash().path)}&expired=1`);
  });
  // Only ask who we are when a session cookie exists: a signed-out visit makes no failing call.
  if (hasSession()) {
    try {
      await signedIn(await api.get('/api/me'));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
  }
  startShell();
  await startRouter(routes);
  document.documentElement.dataset.ready = 'true';
}

boot().catch((error: unknown) => {
  console.error(error);
  replace(
    document.getElementById('main')!,
    h('p', { class: 'alert', role: 'alert' }, String((error as Error)?.message ?? error)),
  );
});
