import { emailHtml, LAO_FONT_STACK, stableMessageId } from './email-message';

describe('e-mail message', () => {
  const html = emailHtml({
    subject: 'ຄຳຮ້ອງຂໍໃຫ້ທົບທວນ: <ສານ> & "ເດັກ"',
    body: 'ກະຊວງຍຸຕິທຳ ຖືກຂໍໃຫ້ທົບທວນ.\nແຖວທີສອງ\n\nເປີດເບິ່ງ: http://localhost:3000/reviews/1?a=1&b=2.',
    locale: 'lo',
  });

  it('says its language, uses the Lao font stack and fits a phone', () => {
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="lo">/);
    expect(html).toContain('width=device-width');
    expect(html).toContain(`font-family:${LAO_FONT_STACK.replace(/'/g, '&#39;')}`);
    expect(html).toContain('max-width:600px');
  });

  it('escapes the words, keeps paragraphs and line breaks, and links the web address', () => {
    expect(html).toContain('ຄຳຮ້ອງຂໍໃຫ້ທົບທວນ: &lt;ສານ&gt; &amp; &quot;ເດັກ&quot;');
    expect(html).toContain('ກະຊວງຍຸຕິທຳ ຖືກຂໍໃຫ້ທົບທວນ.<br>ແຖວທີສອງ</p>');
    expect(html).toContain(
      '<a href="http://localhost:3000/reviews/1?a=1&amp;b=2" style="color:#1d4f91;word-break:break-all">http://localhost:3000/reviews/1?a=1&amp;b=2</a>.</p>',
    );
  });

  it('loads nothing from elsewhere', () => {
    expect(html).not.toMatch(/<img|<link|<script|url\(|@import/i);
  });

  it('derives the Message-ID from the notification and the sender’s domain', () => {
    expect(
      stableMessageId('notification-abc', 'Court <no-reply@court.gov.la>', 'https://x.la'),
    ).toBe('<notification-abc@court.gov.la>');
    expect(stableMessageId('notification-abc', 'no-reply@court.gov.la', 'https://x.la')).toBe(
      '<notification-abc@court.gov.la>',
    );
    expect(stableMessageId('notification-abc', 'Court', 'https://guidelines.court.la:8443/')).toBe(
      '<notification-abc@guidelines.court.la>',
    );
  });
});
