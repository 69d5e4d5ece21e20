/**
 * The SMTP path (SMTP_URL set): the server hands its mail to nodemailer, which delivers it to a tiny
 * SMTP server on loopback built here with node:net (EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP,
 * QUIT; no TLS, no AUTH). Every other test uses the dev mailbox, so this is the only one that sees a
 * mail go out the way it does in production.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '../log.js';
import { createSmtpTransport } from '../mail/smtp.js';
import { confirmationMail } from '../mail/templates.js';
import { registration, start, type TestServer } from './helpers.js';

interface Received {
  /** The envelope, as sent in MAIL FROM and RCPT TO. */
  from: string;
  to: string[];
  /** The message as sent after DATA, dot-unstuffed, CRLF line ends. */
  data: string;
}

interface FakeSmtp {
  url: string;
  received: Received[];
  /** Answer RCPT TO for these addresses with 550. */
  refuse: Set<string>;
  close(): Promise<void>;
}

async function startFakeSmtp(): Promise<FakeSmtp> {
  const received: Received[] = [];
  const refuse = new Set<string>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    const reply = (line: string) => socket.write(line + '\r\n');
    let from = '';
    let to: string[] = [];
    let data: string[] | undefined;
    let pending = '';
    reply('220 localhost fake ESMTP');
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      pending += chunk;
      let end: number;
      while ((end = pending.indexOf('\r\n')) !== -1) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 2);
        if (data) {
          if (line === '.') {
            received.push({ from, to, data: data.join('\r\n') });
            data = undefined;
            from = '';
            to = [];
            reply('250 2.0.0 queued');
          } else data.push(line.startsWith('..') ? line.slice(1) : line);
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        const address = /<([^>]*)>/.exec(line)?.[1] ?? '';
        if (verb === 'EHLO') reply('250-localhost\r\n250 8BITMIME');
        else if (verb === 'HELO') reply('250 localhost');
        else if (verb === 'MAIL') (from = address), reply('250 2.1.0 ok');
        else if (verb === 'RCPT') {
          if (refuse.has(address.toLowerCase())) reply('550 5.1.1 no such mailbox');
          else to.push(address), reply('250 2.1.5 ok');
        } else if (verb === 'DATA') {
          if (to.length === 0) reply('554 5.5.1 no valid recipients');
          else (data = []), reply('354 end with <CRLF>.<CRLF>');
        } else if (verb === 'RSET') (from = ''), (to = []), reply('250 2.0.0 ok');
        else if (verb === 'NOOP') reply('250 2.0.0 ok');
        else if (verb === 'QUIT') reply('221 2.0.0 bye'), socket.end();
        else reply('502 5.5.2 not implemented');
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse,
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

/** The top headers and the decoded text/plain and text/html parts (quoted-printable, base64 or plain; LF line ends). */
function mimeParts(data: string): { headers: string; text: string; html: string } {
  const split = (message: string) => {
    const at = message.indexOf('\r\n\r\n');
    return { headers: message.slice(0, at).replace(/\r\n[ \t]+/g, ' '), body: message.slice(at + 4) };
  };
  const header = (headers: string, name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(headers)?.[1] ?? '';
  const decode = (body: string, encoding: string) => {
    if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (/quoted-printable/i.test(encoding)) {
      const unwrapped = body.replace(/=\r\n/g, '');
      return Buffer.from(unwrapped.replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
    }
    return body;
  };
  const top = split(data);
  const found = { headers: top.headers, text: '', html: '' };
  const visit = (headers: string, body: string) => {
    const type = header(headers, 'Content-Type');
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (/^multipart\//i.test(type) && boundary) {
      for (const part of body.split(`--${boundary}`).slice(1)) {
        if (part.startsWith('--')) break;
        const inner = split(part.replace(/^\r\n/, ''));
        visit(inner.headers, inner.body.replace(/\r\n$/, ''));
      }
    } else if (/^text\/plain/i.test(type)) found.text = decode(body, header(headers, 'Content-Transfer-Encoding')).replace(/\r\n/g, '\n');
    else if (/^text\/html/i.test(type)) found.html = decode(body, header(headers, 'Content-Transfer-Encoding')).replace(/\r\n/g, '\n');
  };
  visit(top.headers, top.body);
  return found;
}

describe('mail over SMTP (SMTP_URL set)', () => {
  let smtp: FakeSmtp;
  let server: TestServer;
  const lines: string[] = [];
  const FROM = 'keyshelf <no-reply@keyshelf.example>';
  before(async () => {
    smtp = await startFakeSmtp();
    server = await start({ smtpUrl: smtp.url, mailFrom: FROM, log: createLogger({ sink: (line) => lines.push(line) }) });
  });
  after(async () => {
    await server.close();
    await smtp.close();
  });

  it('uses SMTP instead of the dev mailbox', async () => {
    assert.equal(server.services.mailer.transport.name, 'smtp');
    assert.equal(server.services.mailbox, undefined);
    assert.equal((await server.client().get('/dev/mailbox')).status, 404);
  });

  it('a registration’s confirmation mail arrives at the SMTP server, to the address, with a link that confirms', async () => {
    const email = 'smtp.person@example.de';
    const client = server.client();
    const registered = await client.post('/api/registrations', registration({ email }));
    assert.equal(registered.status, 202);
    await server.services.mailer.idle();

    const mails = smtp.received.filter((mail) => mail.to.includes(email));
    assert.equal(mails.length, 1);
    const mail = mails[0]!;
    assert.equal(mail.from, 'no-reply@keyshelf.example');
    assert.deepEqual(mail.to, [email]);
    const { headers, text, html } = mimeParts(mail.data);
    assert.match(headers, new RegExp(`^To: ${email.replace(/\./g, '\\.')}$`, 'im'));
    assert.match(headers, /^From: keyshelf <no-reply@keyshelf\.example>$/im);
    assert.match(text, /E-Mail-Adresse bestätigen/, 'the text part, decoded as UTF-8');

    const links = text.match(/https?:\/\/\S+/g) ?? [];
    const link = links.find((candidate) => candidate.includes('ks-confirm='));
    assert.ok(link, text);
    assert.ok(link.startsWith(server.services.config.publicUrl + '/'), link);
    assert.ok(html.includes(`href="${link.replace(/&/g, '&#38;')}"`), 'the HTML part links to the same address');
    const token = new URL(link).searchParams.get('ks-confirm')!;
    assert.ok(token.length >= 32);

    const confirmed = await client.post('/api/email-confirmations', { token });
    assert.equal(confirmed.status, 200);
    assert.equal(confirmed.json.user.email, email);
  });

  it('a refused mail does not fail the request, and is logged by code without the address', async () => {
    const email = 'refused@example.de';
    smtp.refuse.add(email);
    const before = smtp.received.length;
    const from = lines.length;
    const reply = await server.client().post('/api/registrations', registration({ email }));
    assert.equal(reply.status, 202);
    await server.services.mailer.idle();
    assert.equal(smtp.received.length, before);
    const logged = lines.slice(from).map((line) => JSON.parse(line) as Record<string, unknown>);
    const failure = logged.find((record) => record.message === 'mail not sent');
    assert.ok(failure, lines.slice(from).join('\n'));
    assert.equal(failure.transport, 'smtp');
    assert.equal(failure.code, 'EENVELOPE');
    assert.ok(!lines.slice(from).some((line) => line.includes(email)), 'no log line names the address');
  });
});

describe('the SMTP transport', () => {
  it('sends from MAIL_FROM to the recipient, with subject, text and HTML', async () => {
    const smtp = await startFakeSmtp();
    const transport = createSmtpTransport(smtp.url, 'Verlag <mail@verlag.example>');
    try {
      const link = 'https://shop.example/?ks-confirm=abc.DEF_123-xyz&key=WWWW0000000001X';
      await transport.send(confirmationMail('kunde@example.de', link));
      assert.equal(smtp.received.length, 1);
      const mail = smtp.received[0]!;
      assert.equal(mail.from, 'mail@verlag.example');
      assert.deepEqual(mail.to, ['kunde@example.de']);
      const { headers, text, html } = mimeParts(mail.data);
      assert.match(headers, /^Subject: .+/im);
      assert.ok(text.split('\n').includes(link), text);
      assert.ok(html.includes(`href="${link.replace(/&/g, '&#38;')}"`), html);
    } finally {
      transport.close?.();
      await smtp.close();
    }
  });
});
