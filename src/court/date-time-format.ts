/**
 * Intl.DateTimeFormat instances, made once per locale and options: making one costs about as much
 * as formatting a few hundred dates with it, and notices, reminders and exports format thousands.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

/** A formatter for this locale and these options (time zone included), shared and never changed. */
export function dateTimeFormat(
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    // Locales x option sets x the one court time zone are few; the bound is for a mistake.
    if (formats.size >= 500) formats.clear();
    formats.set(key, format);
  }
  return format;
}
