/**
 * Test-only: the supporters' operations on a migrated database without HTTP, a clock the
 * test moves, site settings in memory, a real job queue whose mail jobs the test reads,
 * an audit log in an array, and camt.053 files written from the published standard.
 *
 * @example
 *   const kit = createKit(handle);
 *   const mandateId = await kit.activeMandate({ name: 'Lea Lang', iban: 'DE02120300000000202051', amount: '10' });
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseHandle } from '../platform/db/index.js';
import { createJobQueue } from '../platform/jobs/index.js';
import { DEFAULT_SETTINGS, type SiteSettings, type SettingsService } from '../platform/settings.js';
import type { FundingCaller } from './caller.js';
import { createSupporters } from './service.js';
import { confirmToken } from './tokens.js';

export const SECRET = 'test-secret-for-supporters';
export const SITE_IBAN = 'DE89370400440532013000';
export const CREDITOR_ID = 'DE98ZZZ09999999999';

export const finance: FundingCaller = { kind: 'staff', staff: { id: 1, name: 'Fiona Finanz', role: 'finance' }, ipHash: 'test' };
export const editor: FundingCaller = { kind: 'staff', staff: { id: 2, name: 'Eda Editor', role: 'editor' }, ipHash: 'test' };
export const guest: FundingCaller = { kind: 'guest', ipHash: 'guest-hash' };

export function memorySettings(patch: Partial<SiteSettings['donation']> = {}): Pick<SettingsService, 'get'> {
  const settings = structuredClone(DEFAULT_SETTINGS);
  Object.assign(settings.donation, { recipient: 'Stadtblatt gGmbH', iban: SITE_IBAN, bic: 'COBADEFFXXX', ...patch });
  settings.site.title = 'Stadtblatt';
  return { get: async (section) => settings[section] };
}

export function createKit(handle: DatabaseHandle, start = '2026-05-04T08:00:00Z') {
  let clock = new Date(start);
  const now = () => clock;
  const audit: { action: string; targetId: string | number | null; detail: Record<string, unknown> }[] = [];
  const jobs = createJobQueue(handle, { now, logger: { info() {}, warn() {}, error() {}, debug() {} } as never });
  const supporters = createSupporters({
    handle, jobs, settings: memorySettings(), secret: SECRET, fundingKey: 'ab'.repeat(32), publicUrl: 'http://127.0.0.1:3000', now,
    audit: { record: async (_actor, action, _type, targetId, detail = {}) => void audit.push({ action, targetId, detail }) },
    limit: async () => undefined,
  });
  return {
    supporters,
    jobs,
    audit,
    now,
    set(iso: string) {
      clock = new Date(iso);
    },
    async setUp(settings: Parameters<typeof supporters.settings.update>[0] = {}) {
      await supporters.settings.update({ creditorId: CREDITOR_ID, ...settings });
    },
    /** Signs up and confirms; answers the mandate id. */
    async activeMandate(input: { name: string; email?: string; iban: string; amount: string; interval?: string }): Promise<number> {
      const email = input.email ?? `${input.name.toLowerCase().replace(/\W+/g, '.')}@example.org`;
      await supporters.mandates.signUp(guest, { ...input, email, interval: input.interval ?? 'monthly', consent: 'on' });
      const row = await handle.db.withTables<{ mandates: { id: number; status: string; supporter_id: number } ; supporters: { id: number; email: string | null } }>()
        .selectFrom('mandates').innerJoin('supporters', 'supporters.id', 'mandates.supporter_id')
        .select('mandates.id').where('supporters.email', '=', email).where('mandates.status', '=', 'pending').executeTakeFirstOrThrow();
      const confirmed = await supporters.mandates.confirm(confirmToken(SECRET, row.id, now()));
      if (!confirmed.ok) throw new Error(`confirm failed: ${confirmed.reason}`);
      return row.id;
    },
  };
}

/** The official pain.008.001.08 schema, from Debian's libhbci4j-core-java (it ships the ISO XSDs). */
export const HBCI4J_JAR = '/usr/share/java/hbci4j-core.jar';

export function painSchemaPath(): string | null {
  if (!existsSync(HBCI4J_JAR)) return null;
  const dir = mkdtempSync(join(tmpdir(), 'blattwerk-xsd-'));
  const path = join(dir, 'pain.008.001.08.xsd');
  writeFileSync(path, execFileSync('unzip', ['-p', HBCI4J_JAR, 'pain.008.001.08.xsd']));
  return path;
}

/** xmllint's verdict on a file against a schema: '' when valid, else its complaints. */
export function xsdErrors(xml: string, schema: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'blattwerk-xml-'));
  const file = join(dir, 'file.xml');
  writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--schema', schema, file], { stdio: 'pipe' });
    return '';
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  }
}

export interface CamtTx {
  e2e?: string;
  amount: string;
  name?: string;
  iban?: string;
  remittance?: string;
  returnReason?: string;
  ref?: string;
}

export interface CamtEntry {
  direction: 'CRDT' | 'DBIT';
  amount: string;
  booked: string;
  /** ISO domain/family/sub-family, e.g. PMNT/IDDT/ESDD (debits collected), PMNT/RCDT/ESCT (transfer in), PMNT/IDDT/UPDD (return). */
  code: [string, string, string];
  /** German GVC as the proprietary code, as German banks add it. */
  gvc: string;
  ref: string;
  reversal?: boolean;
  txs: CamtTx[];
}

/**
 * A camt.053.001.08 statement laid out as German banks write it (DK "Datenformate für
 * die Kommunikation", Anlage 3): one Stmt with balances, entries with ISO and GVC bank
 * transaction codes, batch bookings with Btch and several TxDtls.
 */
export function camt053(options: { id: string; iban?: string; created?: string; entries: CamtEntry[]; version?: '02' | '08' }): string {
  const v = options.version ?? '08';
  const party = (role: 'Dbtr' | 'Cdtr', name: string) => (v === '02' ? `<${role}><Nm>${name}</Nm></${role}>` : `<${role}><Pty><Nm>${name}</Nm></Pty></${role}>`);
  const status = v === '02' ? '<Sts>BOOK</Sts>' : '<Sts><Cd>BOOK</Cd></Sts>';
  const entries = options.entries.map((entry) => {
    const txs = entry.txs.map((tx) => `
          <TxDtls>
            <Refs>${tx.ref ? `<AcctSvcrRef>${tx.ref}</AcctSvcrRef>` : ''}<EndToEndId>${tx.e2e ?? 'NOTPROVIDED'}</EndToEndId></Refs>
            <AmtDtls><TxAmt><Amt Ccy="EUR">${tx.amount}</Amt></TxAmt></AmtDtls>
            <RltdPties>
              ${party('Dbtr', tx.name ?? 'Unbekannt')}
              ${tx.iban ? `<DbtrAcct><Id><IBAN>${tx.iban}</IBAN></Id></DbtrAcct>` : ''}
              ${party('Cdtr', 'Stadtblatt gGmbH')}
            </RltdPties>
            ${tx.remittance ? `<RmtInf><Ustrd>${tx.remittance}</Ustrd></RmtInf>` : ''}
            ${tx.returnReason ? `<RtrInf><Rsn><Cd>${tx.returnReason}</Cd></Rsn></RtrInf>` : ''}
          </TxDtls>`).join('');
    return `
      <Ntry>
        <Amt Ccy="EUR">${entry.amount}</Amt>
        <CdtDbtInd>${entry.direction}</CdtDbtInd>
        ${entry.reversal ? '<RvslInd>true</RvslInd>' : ''}
        ${status}
        <BookgDt><Dt>${entry.booked}</Dt></BookgDt>
        <ValDt><Dt>${entry.booked}</Dt></ValDt>
        <AcctSvcrRef>${entry.ref}</AcctSvcrRef>
        <BkTxCd>
          <Domn><Cd>${entry.code[0]}</Cd><Fmly><Cd>${entry.code[1]}</Cd><SubFmlyCd>${entry.code[2]}</SubFmlyCd></Fmly></Domn>
          <Prtry><Cd>${entry.gvc}</Cd><Issr>DK</Issr></Prtry>
        </BkTxCd>
        <NtryDtls>
          ${entry.txs.length > 1 ? `<Btch><NbOfTxs>${entry.txs.length}</NbOfTxs></Btch>` : ''}${txs}
        </NtryDtls>
      </Ntry>`;
  }).join('');
  const created = options.created ?? '2026-06-02T06:00:00+02:00';
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.${v}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>${options.id}-MSG</MsgId><CreDtTm>${created}</CreDtTm></GrpHdr>
    <Stmt>
      <Id>${options.id}</Id>
      <ElctrncSeqNb>1</ElctrncSeqNb>
      <CreDtTm>${created}</CreDtTm>
      <FrToDt><FrDtTm>2026-06-01T00:00:00+02:00</FrDtTm><ToDtTm>2026-06-01T23:59:59+02:00</ToDtTm></FrToDt>
      <Acct><Id><IBAN>${options.iban ?? SITE_IBAN}</IBAN></Id><Ccy>EUR</Ccy><Svcr><FinInstnId><BICFI>COBADEFFXXX</BICFI></FinInstnId></Svcr></Acct>
      <Bal><Tp><CdOrPrtry><Cd>PRCD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-05-31</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-06-01</Dt></Dt></Bal>${entries}
    </Stmt>
  </BkToCstmrStmt>
</Document>`;
}
