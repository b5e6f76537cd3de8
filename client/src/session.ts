// Who is signed in, and their unread notifications: the one place views and the header read it.
import { api, ApiError, type Schema } from './api/client';
import { isLanguage, loadLanguage, setCourtTimeZone, storedLanguage } from './i18n';
import { forgetKeptText } from './kept-text';

export type Me = Schema<'MeView'>;

let user: Me | null = null;
let unread = 0;
const listeners = new Set<() => void>();

function changed(): void {
  listeners.forEach((listener) => listener());
}

/** Called whenever the user or the unread count changes. */
export function onSessionChange(listener: () => void): void {
  listeners.add(listener);
}

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
  void refreshUnread();
}

/** Forgets the user here (the session has ended or expired). */
export function signedOut(): void {
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
  // A temporary password opens nothing but its change: no inbox until then.
  if (!user || user.mustChangePassword) return;
  try {
    const inbox = await api.get('/api/notifications', { query: { unread: true, limit: 1 } });
    unread = inbox.unreadCount;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // Notifications are a convenience in the header: a failure there must not break the page.
    unread = 0;
  }
  changed();
}
