/**
 * Looks up every visible string by id in the user's locale, with publisher overrides,
 * `{name}` interpolation, plural forms by `Intl.PluralRules` and dates by `Intl.DateTimeFormat`.
 */
import { de } from './translations/de.js';
import { en } from './translations/en.js';

/** Ids of the strings every element shares (errors, product lists); elements add their own. */
export type MessageId = keyof typeof de;
export type PluralMessage = { one: string; other: string };
export type MessageValue = string | PluralMessage;
export type Catalogue = Record<MessageId, MessageValue>;

export const locales = ['de', 'en'] as const;
export type Locale = (typeof locales)[number];
export const DEFAULT_LOCALE: Locale = 'de';

/**
 * An element's own strings, in every locale (the type makes a missing translation a compile
 * error). Kept next to the element, so a page pays only for the strings of the elements it uses.
 */
export type MessageBundle<K extends string> = { readonly [L in Locale]: Readonly<Record<K, MessageValue>> };

/** A publisher's replacements for any string id, per locale: `{ de: { 'key.label': 'Lizenzcode' } }`. */
export type MessageOverrides = { readonly [L in Locale]?: Readonly<Record<string, MessageValue>> };

/** Values for placeholders; `count` also selects the plural form; a `Date` is formatted for the locale. */
export type MessageParams = Readonly<Record<string, string | number | Date>>;

export const catalogues: Readonly<Record<Locale, Catalogue>> = { de, en };

/** `de-AT` → `de`; anything unsupported → `undefined`. */
export function toLocale(tag: string | null | undefined): Locale | undefined {
  const language = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return (locales as readonly string[]).includes(language ?? '') ? (language as Locale) : undefined;
}

/**
 * The locale for an element: the nearest `lang` attribute (crossing shadow roots), else the
 * configured one, else `<html lang>`, else German.
 */
export function resolveLocale(element: Element, configured?: string): Locale {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang') && node !== document.documentElement) {
      return toLocale(node.getAttribute('lang')) ?? DEFAULT_LOCALE;
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return toLocale(configured) ?? toLocale(document.documentElement.lang) ?? DEFAULT_LOCALE;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();
function pluralCategory(locale: Locale, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(count);
}

/** Formats an ISO date (`2027-08-01`) or a `Date` as a long date in the locale: „1. August 2027“. */
export function formatDate(locale: Locale, value: string | Date): string {
  // A date-only ISO string is a calendar day: read and print it in UTC so no time zone shifts it.
  const date = typeof value === 'string' ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: typeof value === 'string' ? 'UTC' : undefined }).format(date);
}

function formatParam(locale: Locale, value: string | number | Date): string {
  if (value instanceof Date) return formatDate(locale, value);
  if (typeof value === 'number') return new Intl.NumberFormat(locale).format(value);
  return value;
}

/**
 * The string `id` in `locale`: the publisher's override, else the element's own bundle, else the
 * shared catalogue; German when a locale lacks it; the id itself as a last resort.
 */
export function translate(
  locale: Locale,
  id: string,
  params: MessageParams = {},
  overrides: MessageOverrides = {},
  bundle?: MessageBundle<string>,
): string {
  const shared = catalogues[locale] as Readonly<Record<string, MessageValue>>;
  const value =
    overrides[locale]?.[id] ??
    bundle?.[locale][id] ??
    shared[id] ??
    bundle?.[DEFAULT_LOCALE][id] ??
    (catalogues[DEFAULT_LOCALE] as Readonly<Record<string, MessageValue>>)[id] ??
    id;
  const count = params['count'];
  const template =
    typeof value === 'string'
      ? value
      : typeof count === 'number' && pluralCategory(locale, count) === 'one'
        ? value.one
        : value.other;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const param = params[name];
    return param === undefined ? match : formatParam(locale, param);
  });
}
