/**
 * The actors' key pairs: an RSA key for HTTP Signatures and an Ed25519 key for Object
 * Integrity Proofs, generated on first use, stored in `fed_keys` (so every node signs with
 * the same keys), and replaced by `rotate` (the `blattwerk federation rotate-keys` command).
 * A retired key is kept for the record but no longer published or used.
 *
 * @example
 *   const keys = createKeyStore(handle, now);
 *   const pairs = await keys.pairsOf('site');   // [{ privateKey, publicKey }, …]
 *   await keys.rotate('site');
 */
import { exportJwk, generateCryptoKeyPair, importJwk } from '@fedify/fedify';
import type { Kysely } from 'kysely';
import type { webcrypto } from 'node:crypto';

type CryptoKeyPair = webcrypto.CryptoKeyPair;
type JsonWebKey = webcrypto.JsonWebKey;
import type { DatabaseHandle } from '../platform/db/index.js';
import type { FederationTables } from './tables.js';

const ALGORITHMS = ['RSASSA-PKCS1-v1_5', 'Ed25519'] as const;
type Algorithm = (typeof ALGORITHMS)[number];

export interface KeyStore {
  /** The actor's current pairs, RSA first; generated and stored when it has none. */
  pairsOf(actor: string): Promise<CryptoKeyPair[]>;
  /** Retires the actor's keys (all actors' without one) and makes new ones; answers the actors rotated. */
  rotate(actor?: string): Promise<string[]>;
}

export function createKeyStore(handle: Pick<DatabaseHandle, 'db'>, now: () => Date): KeyStore {
  const db = handle.db.withTables<FederationTables>() as unknown as Kysely<FederationTables>;
  // Importing a JWK costs more than reading its row: imported keys are kept by row id.
  const imported = new Map<number, Promise<CryptoKeyPair>>();

  const current = (actor: string) =>
    db.selectFrom('fed_keys').selectAll().where('actor', '=', actor).where('retired_at', 'is', null).orderBy('id').execute();

  async function generate(actor: string, algorithm: Algorithm): Promise<void> {
    const pair = await generateCryptoKeyPair(algorithm);
    await db
      .insertInto('fed_keys')
      .values({
        actor,
        algorithm,
        public_jwk: JSON.stringify(await exportJwk(pair.publicKey)),
        private_jwk: JSON.stringify(await exportJwk(pair.privateKey)),
        created_at: now().toISOString(),
        retired_at: null,
      })
      .execute();
  }

  return {
    async pairsOf(actor) {
      let rows = await current(actor);
      const missing = ALGORITHMS.filter((algorithm) => !rows.some((row) => row.algorithm === algorithm));
      if (missing.length) {
        for (const algorithm of missing) await generate(actor, algorithm);
        rows = await current(actor);
      }
      // Two nodes generating at once leave two rows: the oldest of each kind is the key.
      const chosen = ALGORITHMS.map((algorithm) => rows.find((row) => row.algorithm === algorithm)!);
      return Promise.all(
        chosen.map((row) => {
          let pair = imported.get(row.id);
          if (!pair) {
            pair = (async () => ({
              privateKey: await importJwk(JSON.parse(row.private_jwk) as JsonWebKey, 'private'),
              publicKey: await importJwk(JSON.parse(row.public_jwk) as JsonWebKey, 'public'),
            }))();
            imported.set(row.id, pair);
          }
          return pair;
        }),
      );
    },
    async rotate(actor) {
      let query = db.selectFrom('fed_keys').select('actor').distinct().where('retired_at', 'is', null);
      if (actor) query = query.where('actor', '=', actor);
      const actors = (await query.execute()).map((row) => row.actor);
      if (actor && !actors.includes(actor)) actors.push(actor);
      const stamp = now().toISOString();
      for (const name of actors) {
        await db.updateTable('fed_keys').set({ retired_at: stamp }).where('actor', '=', name).where('retired_at', 'is', null).execute();
        for (const algorithm of ALGORITHMS) await generate(name, algorithm);
      }
      return actors;
    },
  };
}
