/**
 * The development mailbox: mail is stored in SQLite instead of being sent, and shown at
 * GET /dev/mailbox (HTML, or JSON with `Accept: application/json` or `?format=json`).
 */
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import type { MailMessage, MailTransport } from './transport.js';

export interface StoredMail extends MailMessage {
  id: number;
  createdAt: string;
  /** The links in the text, for tests and for the HTML view. */
  links: string[];
}

export interface DevMailbox extends MailTransport {
  list(options?: { to?: string; limit?: number }): StoredMail[];
  clear(): void;
}

const LINK = /https?:\/\/[^\s<>"')]+/g;

export function createDevMailbox(db: Db, clock: Clock): DevMailbox {
  const insert = db.prepare('INSERT INTO mailbox (to_addr, subject, text, html, created_at) VALUES (?, ?, ?, ?, ?)');
  type Row = { id: number; to_addr: string; subject: string; text: string; html: string; created_at: number };
  const all = db.prepare<[number], Row>('SELECT * FROM mailbox ORDER BY id DESC LIMIT ?');
  const byRecipient = db.prepare<[string, number], Row>('SELECT * FROM mailbox WHERE lower(to_addr) = lower(?) ORDER BY id DESC LIMIT ?');
  const removeAll = db.prepare('DELETE FROM mailbox');
  return {
    name: 'dev-mailbox',
    async send(message) {
      insert.run(message.to, message.subject, message.text, message.html, clock.now());
    },
    list(options = {}) {
      const limit = Math.min(Math.max(options.limit ?? 100, 1), 500);
      const rows = options.to ? byRecipient.all(options.to, limit) : all.all(limit);
      return rows.map((row) => ({
        id: row.id,
        to: row.to_addr,
        subject: row.subject,
        text: row.text,
        html: row.html,
        createdAt: new Date(row.created_at).toISOString(),
        links: row.text.match(LINK) ?? [],
      }));
    },
    clear() {
      removeAll.run();
    },
  };
}
