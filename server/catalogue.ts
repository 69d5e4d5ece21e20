/** Products and who owns them. Only the fields `productSchema` names ever leave the server. */
import type { ProductWire } from '../src/core/schemas.js';
import type { Db } from './db/index.js';

interface ProductRow {
  id: string;
  title: string;
  subtitle: string | null;
  cover_url: string | null;
  kind: ProductWire['kind'];
  licence_type: ProductWire['licenceType'];
  valid_from: string | null;
  valid_until: string | null;
  open_url: string;
  download_url: string | null;
}

const PRODUCT_COLUMNS = 'p.id, p.title, p.subtitle, p.cover_url, p.kind, p.licence_type, p.valid_from, p.valid_until, p.open_url, p.download_url';

function toProduct(row: ProductRow): ProductWire {
  return {
    id: row.id,
    title: row.title,
    ...(row.subtitle ? { subtitle: row.subtitle } : {}),
    ...(row.cover_url ? { coverUrl: row.cover_url } : {}),
    kind: row.kind,
    licenceType: row.licence_type,
    ...(row.valid_from ? { validFrom: row.valid_from } : {}),
    ...(row.valid_until ? { validUntil: row.valid_until } : {}),
    openUrl: row.open_url,
    ...(row.kind === 'download' && row.download_url ? { downloadUrl: row.download_url } : {}),
  };
}

export interface Catalogue {
  product(id: string): ProductWire | undefined;
  productsOf(userId: string): ProductWire[];
  grant(userId: string, productId: string, at: number): void;
}

export function createCatalogue(db: Db): Catalogue {
  const one = db.prepare<[string], ProductRow>(`SELECT ${PRODUCT_COLUMNS} FROM products p WHERE p.id = ?`);
  const owned = db.prepare<[string], ProductRow>(
    `SELECT ${PRODUCT_COLUMNS} FROM ownerships o JOIN products p ON p.id = o.product_id
     WHERE o.user_id = ? ORDER BY p.position, p.title`,
  );
  const grant = db.prepare('INSERT INTO ownerships (user_id, product_id, acquired_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  return {
    product(id) {
      const row = one.get(id);
      return row && toProduct(row);
    },
    productsOf: (userId) => owned.all(userId).map(toProduct),
    grant: (userId, productId, at) => void grant.run(userId, productId, at),
  };
}
