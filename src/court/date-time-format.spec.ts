import { dateTimeFormat } from './date-time-format';

describe('dateTimeFormat', () => {
  it('makes one formatter per locale and options, and formats as a new one would', () => {
    const options: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeZone: 'Asia/Vientiane' };
    const first = dateTimeFormat('lo-LA', options);
    expect(dateTimeFormat('lo-LA', { ...options })).toBe(first);
    expect(dateTimeFormat('en-GB', options)).not.toBe(first);
    expect(dateTimeFormat('lo-LA', { ...options, timeZone: 'UTC' })).not.toBe(first);
    const moment = new Date('2026-03-20T20:00:00Z');
    expect(first.format(moment)).toBe(new Intl.DateTimeFormat('lo-LA', options).format(moment));
    expect(dateTimeFormat('en-GB', options).format(moment)).toBe('21 March 2026');
  });
});
