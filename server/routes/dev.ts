/** Development-only routes: the mailbox. Not mounted in production mode or when mail goes out by SMTP. */
import type { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import type { DevMailbox, StoredMail } from '../mail/dev-mailbox.js';
import { escapeHtml } from '../mail/templates.js';

function linkify(text: string): string {
  return escapeHtml(text).replace(/https?:\/\/[^\s<>"']+/g, (url) => `<a href="${url}">${url}</a>`);
}

function page(messages: StoredMail[]): string {
  const items = messages
    .map(
      (mail) => `<article>
  <h2>${escapeHtml(mail.subject)}</h2>
  <p><strong>An:</strong> ${escapeHtml(mail.to)} · <time datetime="${mail.createdAt}">${mail.createdAt}</time></p>
  <pre>${linkify(mail.text)}</pre>
</article>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>keyshelf – Entwicklungs-Postfach</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}article{border-top:1px solid #ccc;padding:1rem 0}pre{white-space:pre-wrap}</style>
</head><body>
<h1>Entwicklungs-Postfach</h1>
<p>E-Mails, die der Server im Entwicklungsmodus verschickt hätte (neueste zuerst). Als JSON: <a href="?format=json">?format=json</a>.</p>
${items || '<p>Noch keine E-Mails.</p>'}
</body></html>`;
}

export function mountDevRoutes(app: Hono<AppEnv>, mailbox: DevMailbox): void {
  app.get('/dev/mailbox', (c) => {
    const to = c.req.query('to')?.slice(0, 254);
    const messages = mailbox.list({ ...(to ? { to } : {}), limit: Number(c.req.query('limit') ?? 100) || 100 });
    const wantsJson = c.req.query('format') === 'json' || /^application\/json/i.test(c.req.header('Accept') ?? '');
    if (wantsJson) return c.json({ messages });
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    return c.html(page(messages));
  });
}
