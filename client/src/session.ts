// Who is signed in, and their unread notifications: the one place views and the header read it.
import { api, ApiError, type Schema } from './api/client';
import { isLanguage, loadLanguage, setCourtTimeZone, storedLanguage } from './i18n';
import { forgetKeptText } from './kept-text';

export type Me = Schema<'MeView'>;

let user: Me | null = null;
let unread = 0;
const listeners = new Set<() => void>();
const unreadListeners = new Set<(count: number, previous: number) => void>();

function changed(): void {
  listeners.forEach((listener) => listener());
}

/** Called whenever the user changes (sign-in, sign-out). */
export function onSessionChange(listener: () => void): void {
  listeners.add(listener);
}

/** Called whenever the unread count is read again (the bell follows it in place). */
export function onUnreadChange(listener: (count: number, previous: number) => void): void {
  unreadListeners.add(listener);
}

/** How often the bell asks the server again while the tab is visible. */
export const BELL_POLL_MS = 30_000;
let pollTimer: ReturnType<typeof setInterval> | null = null;

/**
 * While signed in, the unread count is read every BELL_POLL_MS while the tab is visible, and at
 * once when the tab becomes visible again: a notice created on the server reaches the bell
 * without a reload, and a hidden tab asks nothing.
 */
function startPolling(): void {
  if (pollTimer !== null) return;
  pollTimer = setInterval(() => {
    if (document.visibilityState === 'visible') void refreshUnread();
  }, BELL_POLL_MS);
}

function stopPolling(): void {
  if (pollTimer !== null) clearInterval(pollTimer);
  pollTimer = null;
}

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && user) void refreshUnread();
});

export function currentUser(): Me | null {
  return user;
}

export function unreadCount(): number {
  return unread;
}

export async function signedIn(me: Me): Promise<void> {
  user = me;
  setCourtTimeZone(me.timeZone);
  if (!storedLanguage() && isLanguage(me.locale)) await loadLanguage(me.locale);
  changed();
  startPolling();
  void refreshUnread();
}

/** Forgets the user here (the session has ended or expired). */
export function signedOut(): void {
  stopPolling();
  user = null;
  unread = 0;
  changed();
}

/** Ends the session on the server, then here; what the person typed and kept is forgotten. */
export async function signOut(): Promise<void> {
  try {
    await api.delete('/api/auth/session');
  } finally {
    if (user) forgetKeptText(user.id);
    signedOut();
  }
}

/** Asks the server how many notifications are unread. */
export async function refreshUnread(): Promise<void> {
  // A temporary password opens nothing but its change, a second factor still to set up nothing
  // but its set-up: no inbox until then.
  if (!user || user.mustChangePassword || user.totpEnrolmentRequired) return;
  const previous = unread;
  try {
    const inbox = await api.get('/api/notifications', { query: { unread: true, limit: 1 } });
    unread = inbox.unreadCount;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // Notifications are a convenience in the header: a failure there (the network is down)
    // must not break the page; the bell keeps its last count until the next poll.
    return;
  }
  unreadListeners.forEach((listener) => listener(unread, previous));
}
