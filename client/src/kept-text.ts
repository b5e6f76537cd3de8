// What a person types into a form is kept in this tab's sessionStorage, per user and per form,
// until the form is sent: a failed network, a stopped server or an expired session (sign in
// again, come back) never loses it. Only an explicit sign-out forgets the user's kept texts
// (a shared computer). Each kept form also holds the Idempotency-Key of its pending send, so a
// retry after a lost answer is the same request to the server, never a second comment.

const PREFIX = 'cg.kept.';

interface Kept {
  values: Record<string, string>;
  /** The key of the last send and what it sent: reused while the same thing is sent again. */
  pending?: { key: string; request: string };
}

type Control = HTMLInputElement | HTMLTextAreaElement;

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage refused: the text lives in the page only
  }
}

function read(key: string): Kept | null {
  try {
    const raw = storage()?.getItem(key);
    const kept = raw ? (JSON.parse(raw) as Kept) : null;
    return kept && typeof kept.values === 'object' ? kept : null;
  } catch {
    return null;
  }
}

function write(key: string, kept: Kept): void {
  try {
    storage()?.setItem(key, JSON.stringify(kept));
  } catch {
    // Full or refused: the page still holds the text.
  }
}

function newKey(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
        b.toString(16).padStart(2, '0'),
      ).join('');
}

export interface KeptForm {
  /** Whether text typed earlier was put back into the form. */
  restored: boolean;
  /** The Idempotency-Key for sending this request: the same as last time for the same request. */
  keyFor(request: unknown): string;
  /** The form was sent and saved: forget its text and key. */
  sent(): void;
}

/**
 * Keeps the text controls of `form` (textareas and text inputs with a name) for `userId` under
 * `formKey` (e.g. `comment:<guideline>:<version>:<section>`), putting back what was kept. A group
 * of radio buttons is kept too when its buttons name it in `data-keep` (their own names may be
 * made afresh for each page).
 */
export function keepText(form: HTMLFormElement, userId: string, formKey: string): KeptForm {
  const key = `${PREFIX}${userId}.${formKey}`;
  const controls = (): Control[] =>
    Array.from(form.querySelectorAll<Control>('textarea[name], input[name]')).filter(
      (el) => el instanceof HTMLTextAreaElement || el.type === 'text',
    );
  const choices = (): HTMLInputElement[] =>
    Array.from(form.querySelectorAll<HTMLInputElement>('input[type=radio][data-keep]'));
  const snapshot = (): Record<string, string> => {
    const values = Object.fromEntries(controls().map((c) => [c.name, c.value]));
    for (const radio of choices()) {
      const name = `choice:${radio.dataset.keep}`;
      if (radio.checked) values[name] = radio.value;
      else values[name] ??= '';
    }
    return values;
  };
  const kept = read(key);
  let restored = false;
  if (kept) {
    for (const control of controls()) {
      const value = kept.values[control.name];
      if (typeof value === 'string' && value !== '') {
        control.value = value;
        restored = true;
      }
    }
    for (const radio of choices()) {
      if (kept.values[`choice:${radio.dataset.keep}`] === radio.value) {
        radio.checked = true;
        restored = true;
      }
    }
  }
  const save = () => {
    const values = snapshot();
    const empty = Object.values(values).every((v) => v.trim() === '');
    const previous = read(key);
    if (empty && !previous?.pending) storage()?.removeItem(key);
    else write(key, { values, pending: previous?.pending });
  };
  form.addEventListener('input', save);
  // Text put in by a script (the quote button) counts as typed too.
  form.addEventListener('change', save);
  return {
    restored,
    keyFor(request: unknown): string {
      const text = JSON.stringify(request);
      const previous = read(key);
      if (previous?.pending && previous.pending.request === text) return previous.pending.key;
      const pending = { key: newKey(), request: text };
      write(key, { values: snapshot(), pending });
      return pending.key;
    },
    sent(): void {
      storage()?.removeItem(key);
    },
  };
}

/** Forgets every kept text of this user in this tab (an explicit sign-out). */
export function forgetKeptText(userId: string): void {
  const store = storage();
  if (!store) return;
  const mine = `${PREFIX}${userId}.`;
  for (let i = store.length - 1; i >= 0; i -= 1) {
    const name = store.key(i);
    if (name?.startsWith(mine)) store.removeItem(name);
  }
}

/**
 * A kept value of a form whose fields come and go (the working draft's sections): the form
 * writes it as it changes and forgets it once saved.
 */
export interface KeptValue<T> {
  read(): T | null;
  write(value: T): void;
  forget(): void;
}

export function keepValue<T>(userId: string, formKey: string): KeptValue<T> {
  const key = `${PREFIX}${userId}.${formKey}`;
  return {
    read(): T | null {
      try {
        const raw = storage()?.getItem(key);
        return raw ? ((JSON.parse(raw) as { value: T }).value ?? null) : null;
      } catch {
        return null;
      }
    },
    write(value: T): void {
      try {
        storage()?.setItem(key, JSON.stringify({ value }));
      } catch {
        // Full or refused: the page still holds the text.
      }
    },
    forget(): void {
      storage()?.removeItem(key);
    },
  };
}
