/**
 * The mail folder of an install without SMTP: each message becomes one `.eml` file that
 * any mail client opens, so a fresh install can sign up readers and show what it sent.
 *
 * @example
 *   const file = await writeOutbox('/srv/blattwerk/data/outbox', '<x@example.org>', raw, new Date());
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** `20251125T132800123Z-<message id>.eml`: sorts by time, names the message. */
export function outboxFileName(messageId: string, at: Date): string {
  const stamp = at.toISOString().replace(/[-:.]/g, '');
  const id = messageId.replace(/^<|>$/g, '').replace(/[^A-Za-z0-9._@-]/g, '_');
  return `${stamp}-${id}.eml`;
}

export async function writeOutbox(dir: string, messageId: string, raw: Buffer, at: Date): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, outboxFileName(messageId, at));
  // Write then rename: someone watching the folder never opens half a message.
  const partial = `${file}.partial`;
  await writeFile(partial, raw, { flag: 'wx' });
  await rename(partial, file);
  return file;
}
