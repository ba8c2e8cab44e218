/**
 * How the settings are laid out in the newsroom: a page per topic (Ghost's settings do the
 * same), each page a view over one stored section (`platform/settings.ts`) naming the
 * fields it shows, grouped on the index at `/admin/settings/`. One page is one form, so
 * saving it can never drop what was typed on another page; the page script warns before
 * leaving a page with unsaved edits.
 *
 * A section added to `SiteSettings` later gets a page of its own automatically (all its
 * fields, in the "more" group) until it is given a place here. Pages that live elsewhere
 * (the supporters' settings) are listed as links. See README.md, "Adding a settings section".
 *
 * @example
 *   settingsPages();                 // [{ id: 'general', section: 'site', keys: ['title', …] }, …]
 *   pageById('legal')?.section;      // 'legal'
 *   isApplicable('legal', 'mediaOwner', { country: 'de' }); // false: Austrian imprint only
 */
import { DEFAULT_SETTINGS, type SettingsSection } from '../../platform/settings.js';

export type SettingsGroup = 'site' | 'readers' | 'money' | 'distribution' | 'newsroom' | 'more';

export interface SettingsPageSpec {
  /** Its address: `/admin/settings/<id>/`. */
  id: string;
  section: SettingsSection;
  /** The section's fields this page shows; all of them when left out. */
  keys?: readonly string[];
  group: SettingsGroup;
}

/** A settings page another part of the newsroom serves itself. */
export interface ExternalSettingsPage {
  id: string;
  href: string;
  group: SettingsGroup;
  /** Which optional newsroom link must exist for it to be listed (`NavLinks` key). */
  needs?: 'supporters' | 'newsletter' | 'autopost' | 'webhooks';
}

export const GROUPS: readonly SettingsGroup[] = ['site', 'readers', 'money', 'distribution', 'newsroom', 'more'];

const PAGES: readonly SettingsPageSpec[] = [
  { id: 'general', section: 'site', keys: ['title', 'tagline', 'description', 'language', 'homeLanguageFirst'], group: 'site' },
  { id: 'navigation', section: 'site', keys: ['navigation', 'social', 'followText'], group: 'site' },
  { id: 'legal', section: 'legal', group: 'site' },
  { id: 'discussion', section: 'discussion', group: 'readers' },
  { id: 'newsletter', section: 'newsletter', group: 'readers' },
  { id: 'donation', section: 'donation', group: 'money' },
  { id: 'telegram', section: 'telegram', group: 'distribution' },
  { id: 'distribution', section: 'distribution', group: 'distribution' },
  { id: 'editorial', section: 'editorial', group: 'newsroom' },
];

export const EXTERNAL_PAGES: readonly ExternalSettingsPage[] = [
  { id: 'supporters', href: '/admin/supporters/settings/', group: 'money', needs: 'supporters' },
  { id: 'design', href: '/admin/design/', group: 'site' }, // issue 12: its own page and operations (admin/design)
];

/** Every settings page: the laid-out ones, then one per section nobody placed yet. */
export function settingsPages(): SettingsPageSpec[] {
  const placed = new Set(PAGES.map((page) => page.section));
  const rest = (Object.keys(DEFAULT_SETTINGS) as SettingsSection[])
    .filter((section) => !placed.has(section) && !EXTERNAL_PAGES.some((page) => page.id === section))
    .map((section): SettingsPageSpec => ({ id: section, section, group: 'more' }));
  return [...PAGES, ...rest];
}

export function pageById(id: string): SettingsPageSpec | undefined {
  return settingsPages().find((page) => page.id === id);
}

/** The fields of a page, in the section's order. */
export function pageKeys(page: SettingsPageSpec): string[] {
  const all = Object.keys(DEFAULT_SETTINGS[page.section]);
  return page.keys ? all.filter((key) => page.keys!.includes(key)) : all;
}

/**
 * When a field applies: `field` of the same section has one of `values` (a checkbox is
 * 'on' or ''). A field that does not apply is hidden, not dropped: its value is kept and
 * sent back, so switching the country back shows what was typed before.
 */
export interface Condition {
  field: string;
  values: readonly string[];
}

const CONDITIONS: Record<string, Condition> = {
  // § 25 MedienG: only an Austrian imprint names the media owner and the editorial line.
  'legal.mediaOwner': { field: 'country', values: ['at'] },
  'legal.editorialLine': { field: 'country', values: ['at'] },
  // Bank details and appeal text only matter while appeals are shown.
  ...Object.fromEntries(['recipient', 'iban', 'bic', 'purpose', 'appeal', 'amounts', 'providers'].map((key) => [`donation.${key}`, { field: 'enabled', values: ['on'] }])),
  ...Object.fromEntries(['botToken', 'channel', 'apiBase'].map((key) => [`telegram.${key}`, { field: 'enabled', values: ['on'] }])),
};

export function conditionOf(section: string, key: string): Condition | undefined {
  return CONDITIONS[`${section}.${key}`];
}

/** Whether a field applies, given the section's values as form strings. */
export function isApplicable(section: string, key: string, values: Record<string, unknown>): boolean {
  const condition = conditionOf(section, key);
  return !condition || condition.values.includes(String(values[condition.field] ?? ''));
}
