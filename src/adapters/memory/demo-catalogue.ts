/**
 * The demo data shared by `MemoryBackend` and the reference server's seed: a catalogue, customer
 * types, accounts and one online key per outcome. The keys are documented in the README; they are
 * well-formed (a test checks their check characters), so every outcome is reached by a real request.
 * It is written as a backend sends it (the wire types): URLs are plain strings here.
 */
import { DEFAULT_KEY_FORMAT } from '../../core/online-key.js';
import type { ProductWire, RegistrationOptionsWire } from '../../core/schemas.js';

// `satisfies`, not a type annotation: the wire type leaves `minLength` optional (it has a default),
// and users of the demo options may rely on the one given here.
export const demoRegistrationOptions = {
  customerTypes: [
    { id: 'teacher', label: { de: 'Lehrkraft', en: 'Teacher' }, requiresInstitution: true },
    { id: 'trainee', label: { de: 'Referendar/in', en: 'Trainee teacher' }, requiresInstitution: true },
    { id: 'pupil', label: { de: 'Schüler/in', en: 'Pupil' }, requiresInstitution: false },
    { id: 'parent', label: { de: 'Eltern', en: 'Parent' }, requiresInstitution: false },
    { id: 'institution', label: { de: 'Schule/Institution', en: 'School/institution' }, requiresInstitution: true },
    { id: 'bookshop', label: { de: 'Buchhandel', en: 'Bookshop' }, requiresInstitution: true },
    { id: 'private', label: { de: 'Privatkunde', en: 'Private customer' }, requiresInstitution: false },
  ],
  passwordPolicy: { minLength: 12, maxLength: 128 },
  terms: { version: '2026-01', url: '/agb.html' },
  privacyUrl: '/datenschutz.html',
  keyFormat: DEFAULT_KEY_FORMAT,
} satisfies RegistrationOptionsWire;

const open = (id: string) => `/product.html?id=${id}`;

export const demoProducts: readonly ProductWire[] = [
  { id: 'mathe-heute-7', title: 'Mathematik heute 7', subtitle: 'Digitales Schulbuch', kind: 'licence', licenceType: 'single', validUntil: '2031-07-31', openUrl: open('mathe-heute-7') },
  { id: 'deutsch-kompetent-8', title: 'Deutsch kompetent 8', subtitle: 'Digitales Schulbuch', kind: 'licence', licenceType: 'single', validUntil: '2031-07-31', openUrl: open('deutsch-kompetent-8') },
  { id: 'weltatlas-digital', title: 'Weltatlas digital', subtitle: 'Karten für die Sekundarstufe', kind: 'licence', licenceType: 'school', validUntil: '2030-07-31', openUrl: open('weltatlas-digital') },
  { id: 'englisch-klar-6', title: 'Englisch klar 6', subtitle: 'E-Book mit Audios', kind: 'licence', licenceType: 'single', openUrl: open('englisch-klar-6') },
  { id: 'biologie-erleben-9', title: 'Biologie erleben 9/10', subtitle: 'Unterrichtsmanager', kind: 'licence', licenceType: 'staff', validUntil: '2028-07-31', openUrl: open('biologie-erleben-9') },
  { id: 'physik-entdecken-8', title: 'Physik entdecken 8', subtitle: 'Lehrermaterial', kind: 'licence', licenceType: 'staff', openUrl: open('physik-entdecken-8') },
  { id: 'geschichte-kompakt-10', title: 'Geschichte kompakt 10', subtitle: 'Testzugang', kind: 'licence', licenceType: 'trial', validFrom: '2026-01-01', validUntil: '2027-01-31', openUrl: open('geschichte-kompakt-10') },
  { id: 'chemie-im-kontext', title: 'Chemie im Kontext', subtitle: 'Schullizenz', kind: 'licence', licenceType: 'school', validUntil: '2029-07-31', openUrl: open('chemie-im-kontext') },
  { id: 'bruchrechnung-pdf', title: 'Arbeitsblätter Bruchrechnung', subtitle: 'PDF, 48 Seiten', kind: 'download', licenceType: 'single', openUrl: open('bruchrechnung-pdf'), downloadUrl: '/downloads/bruchrechnung.pdf' },
  { id: 'hoerverstehen-6', title: 'Hörverstehen Englisch 6', subtitle: 'Audiodateien (MP3)', kind: 'download', licenceType: 'single', openUrl: open('hoerverstehen-6'), downloadUrl: '/downloads/hoerverstehen-6.zip' },
  { id: 'kopiervorlagen-deutsch-5', title: 'Kopiervorlagen Deutsch 5/6', subtitle: 'PDF, 96 Seiten', kind: 'download', licenceType: 'staff', openUrl: open('kopiervorlagen-deutsch-5'), downloadUrl: '/downloads/kopiervorlagen-deutsch-5.pdf' },
  { id: 'loesungen-mathe-7', title: 'Lösungen Mathematik heute 7', subtitle: 'PDF', kind: 'download', licenceType: 'staff', openUrl: open('loesungen-mathe-7'), downloadUrl: '/downloads/loesungen-mathe-7.pdf' },
  { id: 'praxis-deutsch', title: 'Praxis Deutsch', subtitle: 'Jahresabo digital', kind: 'journal', licenceType: 'single', validUntil: '2027-12-31', openUrl: open('praxis-deutsch') },
  { id: 'mathematik-lehren', title: 'Mathematik lehren', subtitle: 'Jahresabo digital', kind: 'journal', licenceType: 'single', validUntil: '2027-12-31', openUrl: open('mathematik-lehren') },
  { id: 'geographie-heute', title: 'Geographie heute', subtitle: 'E-Paper', kind: 'journal', licenceType: 'trial', validUntil: '2027-03-31', openUrl: open('geographie-heute') },
];

export interface DemoAccount {
  id: string;
  email: string;
  password: string;
  displayName: string;
  customerType: string;
  customerNumber?: string;
  emailConfirmed: boolean;
  /** Products the account owns from the start. */
  productIds: readonly string[];
}

export const demoAccounts: readonly DemoAccount[] = [
  {
    id: 'u-demo-teacher', email: 'lehrkraft@keyshelf.example', password: 'Kennwort-Demo-2026',
    displayName: 'Dana Demo', customerType: 'teacher', customerNumber: '100200', emailConfirmed: true,
    productIds: ['mathe-heute-7', 'hoerverstehen-6', 'praxis-deutsch'],
  },
  {
    id: 'u-demo-pupil', email: 'schueler@keyshelf.example', password: 'Kennwort-Demo-2026',
    displayName: 'Paul Probe', customerType: 'pupil', emailConfirmed: true, productIds: [],
  },
  {
    id: 'u-demo-unconfirmed', email: 'neu@keyshelf.example', password: 'Kennwort-Demo-2026',
    displayName: 'Nina Neu', customerType: 'parent', emailConfirmed: false, productIds: [],
  },
];

/** Customer numbers a new registration can be linked to. */
export const demoCustomerNumbers: readonly string[] = ['100200', '100300', '100400'];

export interface DemoKey {
  /** Normalized (no hyphens). */
  key: string;
  productId: string;
  /** Which outcome the key demonstrates. */
  demonstrates: string;
  /** Account id that already redeemed it. */
  redeemedBy?: string;
  validFrom?: string;
  validUntil?: string;
  /** Only these customer types may redeem it. */
  customerTypes?: readonly string[];
}

export const demoKeys: readonly DemoKey[] = [
  { key: 'MATH7A3B4C6DE7F6', productId: 'deutsch-kompetent-8', demonstrates: 'activates a licence (Meine Lizenzen)' },
  { key: 'MATH8C4D6E7FG8H6', productId: 'weltatlas-digital', demonstrates: 'activates a licence (Meine Lizenzen)' },
  { key: 'DATA8K3M4N6PR7T3', productId: 'bruchrechnung-pdf', demonstrates: 'activates a download (Meine Downloads)' },
  { key: 'DATA9M4N6P7UR8TF', productId: 'kopiervorlagen-deutsch-5', demonstrates: 'activates a download (Meine Downloads)' },
  { key: 'JAHR9T3U4V6WX7Y3', productId: 'mathematik-lehren', demonstrates: 'activates a journal (Fachzeitschriften)' },
  { key: 'JAHR3V4W6X7YA8BN', productId: 'geographie-heute', demonstrates: 'activates a journal (Fachzeitschriften)' },
  { key: 'TEAC3H4E6R7K8E9J', productId: 'physik-entdecken-8', demonstrates: 'teacher-only: refused for pupils', customerTypes: ['teacher', 'trainee'] },
  { key: 'HABE4A6B7C8D9E37', productId: 'mathe-heute-7', demonstrates: 'already redeemed by you (the teacher demo account)', redeemedBy: 'u-demo-teacher' },
  { key: 'TAKN6E7N8B9Y3X43', productId: 'englisch-klar-6', demonstrates: 'already redeemed by someone else', redeemedBy: 'u-someone-else' },
  { key: 'EXPD7R8E9D3K4E6Y', productId: 'biologie-erleben-9', demonstrates: 'expired', validUntil: '2024-07-31' },
  { key: 'FRUH8W9A3B4T6N7C', productId: 'chemie-im-kontext', demonstrates: 'not yet valid', validFrom: '2099-08-01' },
];
