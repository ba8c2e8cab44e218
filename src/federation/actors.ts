/**
 * Who can be followed: the publication (`@<handle>@domain`, identifier `site`) and every
 * author with a profile page (`@<slug>@domain`, identifier `a<id>`: stable when the slug
 * changes). Profiles carry what the actor documents, WebFinger and the newsroom show.
 *
 * @example
 *   const actors = createActors(deps);
 *   await actors.byUsername('lindenauer-blatt'); // { identifier: 'site', … }
 */
import type { Author, ContentService } from '../content/index.js';
import { mediaUrl, slugify } from '../content/index.js';
import type { MediaItem, MediaService } from '../media/index.js';
import type { SettingsService } from '../platform/settings.js';
import { SITE_ACTOR, authorActor, authorIdOf } from './objects.js';
import type { FederationSettingsStore } from './settings.js';

export interface ActorImage {
  url: string;
  type: string;
}

export interface ActorProfile {
  identifier: string;
  kind: 'site' | 'author';
  username: string;
  name: string;
  /** Plain text. */
  summary: string;
  /** The HTML page (home or author page). */
  url: string;
  icon: ActorImage | null;
  header: ActorImage | null;
  links: { label: string; url: string }[];
  authorId: number | null;
}

export interface ActorDeps {
  publicUrl: string;
  settings: Pick<SettingsService, 'get'>;
  federation: FederationSettingsStore;
  content: Pick<ContentService, 'store' | 'listPublished'>;
  media: Pick<MediaService, 'getMany'>;
}

function imageOf(publicUrl: string, item: MediaItem | undefined): ActorImage | null {
  if (!item) return null;
  const jpeg = item.variants.filter((v) => v.format === 'jpeg').sort((a, b) => a.width - b.width);
  // Icons are small: the narrowest JPEG of at least 400 px, else the widest there is.
  const pick = jpeg.find((v) => v.width >= 400) ?? jpeg.at(-1);
  return pick ? { url: `${publicUrl}${mediaUrl(pick.path)}`, type: 'image/jpeg' } : { url: `${publicUrl}${mediaUrl(item.path)}`, type: item.mime };
}

export function createActors(deps: ActorDeps) {
  const { publicUrl } = deps;

  async function siteUsername(): Promise<string> {
    const chosen = (await deps.federation.get()).handle;
    if (chosen) return chosen;
    const fromTitle = slugify((await deps.settings.get('site')).title).slice(0, 30).replace(/-+$/, '');
    return fromTitle || 'news';
  }

  /** The newest article's featured image: the header of the site's (or an author's) profile. */
  async function headerOf(authorId: number | null): Promise<ActorImage | null> {
    const newest = (await deps.content.listPublished({ perPage: 1, ...(authorId !== null ? { authorId } : {}) })).items[0];
    if (!newest?.featuredMediaId) return null;
    const media = await deps.media.getMany([newest.featuredMediaId]);
    return imageOf(publicUrl, media.get(newest.featuredMediaId));
  }

  async function authorProfile(author: Author): Promise<ActorProfile> {
    const site = await deps.settings.get('site');
    const media = author.avatarMediaId ? await deps.media.getMany([author.avatarMediaId]) : new Map<number, MediaItem>();
    return {
      identifier: authorActor(author.id),
      kind: 'author',
      username: author.slug,
      name: author.name,
      summary: author.bio[site.language] ?? Object.values(author.bio)[0] ?? '',
      url: `${publicUrl}/author/${author.slug}/`,
      icon: author.avatarMediaId ? imageOf(publicUrl, media.get(author.avatarMediaId)) : null,
      header: await headerOf(author.id),
      links: author.links.map((l) => ({ label: l.label, url: l.url })),
      authorId: author.id,
    };
  }

  /** The site's app icon from the design settings (512 px PNG), when one was uploaded. */
  async function siteIcon(): Promise<ActorImage | null> {
    const icon = (await deps.settings.get('design')).icons?.png512;
    if (!icon) return null;
    return { url: /^https?:\/\//.test(icon) ? icon : `${publicUrl}${icon.startsWith('/') ? '' : '/'}${icon}`, type: 'image/png' };
  }

  async function siteProfile(): Promise<ActorProfile> {
    const site = await deps.settings.get('site');
    return {
      identifier: SITE_ACTOR,
      kind: 'site',
      username: await siteUsername(),
      name: site.title,
      summary: site.description || site.tagline,
      url: `${publicUrl}/`,
      icon: await siteIcon(),
      header: await headerOf(null),
      links: site.social.map((l) => ({ label: l.label, url: l.url })),
      authorId: null,
    };
  }

  return {
    siteUsername,
    async byIdentifier(identifier: string): Promise<ActorProfile | null> {
      if (identifier === SITE_ACTOR) return siteProfile();
      const id = authorIdOf(identifier);
      if (id === null) return null;
      const author = await deps.content.store.authorBy('id', id);
      return author ? authorProfile(author) : null;
    },
    /** The identifier behind `@username@domain`. */
    async byUsername(username: string): Promise<string | null> {
      const name = username.toLowerCase();
      if (name === (await siteUsername())) return SITE_ACTOR;
      if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name)) return null;
      const author = await deps.content.store.authorBy('slug', name);
      return author ? authorActor(author.id) : null;
    },
    /** The identifier behind a profile page's address (`/`, `/author/slug/`). */
    async byPageUrl(url: URL): Promise<string | null> {
      if (url.origin !== new URL(publicUrl).origin) return null;
      if (url.pathname === '/' || url.pathname === '') return SITE_ACTOR;
      const slug = /^\/author\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?$/.exec(url.pathname)?.[1];
      if (!slug) return null;
      const author = await deps.content.store.authorBy('slug', slug);
      return author ? authorActor(author.id) : null;
    },
  };
}

export type Actors = ReturnType<typeof createActors>;
