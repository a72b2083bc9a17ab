/**
 * The recognition explorer at /explorer: explains a shipment's or an operator's recognition as a
 * chain (consignor → certification → programme → agreement → recognizing administration →
 * benefits, or the findings that break it) and draws the MRA network on any date since 2007.
 *
 * It runs trusted documents only (`{ documentId: "sha256:<id>", variables }`, ids from the
 * gateway's manifest), with the bearer token the user pastes (kept in localStorage). Result types
 * come from the typed documents (src/client/generated, codegen's client preset).
 */
import './explorer.css';
import { createElement as h, Fragment, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { AgreementNetworkQuery, OperatorRecognitionQuery, ShipmentRecognitionQuery } from '../../client/generated/graphql.js';
import {
  describeToken,
  GraphQLRequestError,
  loadTrustedOperations,
  readToken,
  saveToken,
  TOKEN_COMMAND,
  type GraphQLResponse,
  type TrustedOperation,
} from './common.js';
import { circularLayout, edgesOn, MONTHS_FROM_2007, monthIndexToDate, type NetworkEdge } from './network.js';
import { periodContaining, todayUtc as todayIso } from '../../domain/dates.js';

// ---------------------------------------------------------------------------------------------
// Trusted documents over HTTP

let operations: Promise<TrustedOperation[]> | null = null;

async function runTrusted<T>(name: string, variables: Record<string, unknown> = {}): Promise<T> {
  operations ??= loadTrustedOperations();
  const op = (await operations).find((o) => o.name === name);
  if (!op) throw new GraphQLRequestError(`The gateway has no trusted operation ${name}.`, 'PERSISTED_QUERY_NOT_IN_LIST', 0);
  const token = readToken();
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ documentId: `sha256:${op.id}`, variables }),
  });
  let body: GraphQLResponse<T>;
  try {
    body = (await res.json()) as GraphQLResponse<T>;
  } catch {
    throw new GraphQLRequestError(`The gateway answered HTTP ${res.status} without a GraphQL response.`, undefined, res.status);
  }
  if (body.errors?.length) {
    const first = body.errors[0];
    throw new GraphQLRequestError(first.message, first.extensions?.code, res.status);
  }
  if (!body.data) throw new GraphQLRequestError(`No data (HTTP ${res.status}).`, undefined, res.status);
  return body.data;
}

// ---------------------------------------------------------------------------------------------
// Small pieces

const cx = (...names: (string | false | null | undefined)[]) => names.filter(Boolean).join(' ');

function Badge({ tone, children, testId }: { tone: 'ok' | 'bad' | 'warn' | 'muted'; children?: ReactNode; testId?: string }) {
  return h('span', { className: cx('badge', `badge-${tone}`), 'data-testid': testId }, children);
}

function ErrorBox({ error }: { error: unknown }) {
  const e = error as GraphQLRequestError;
  const hint =
    e.code === 'UNAUTHENTICATED'
      ? ` Paste a token above (${TOKEN_COMMAND}).`
      : e.code === 'NOT_FOUND'
        ? ' Check the reference or id; need-to-know hides what your administration may not see.'
        : '';
  return h('div', { className: 'error', role: 'alert', 'data-testid': 'error' }, h('strong', null, e.code ?? 'Error'), ': ', e.message ?? String(error), hint);
}

function Step({
  label,
  title,
  children,
  tone = 'ok',
  testId,
}: {
  label: string;
  title: ReactNode;
  children?: ReactNode;
  tone?: 'ok' | 'bad' | 'muted';
  testId?: string;
}) {
  return h(
    'li',
    { className: cx('step', `step-${tone}`), 'data-testid': testId },
    h('div', { className: 'step-label' }, label),
    h('div', { className: 'step-title' }, title),
    children ? h('div', { className: 'step-body' }, children) : null,
  );
}

const statusTone = (status: string) => (status === 'CERTIFIED' ? 'ok' : status === 'SUSPENDED' ? 'warn' : 'bad');
const basisNote = (basis: string) => (basis === 'SOURCE' ? '' : ` (${basis.toLowerCase().replace(/_/g, ' ')})`);

function TokenBar({ onChange }: { onChange: () => void }) {
  const token = readToken();
  const [editing, setEditing] = useState(!token);
  const [value, setValue] = useState('');
  return h(
    'div',
    { className: 'token' },
    h('span', { 'data-testid': 'token-who' }, 'Calling as ', h('strong', null, describeToken(token))),
    editing
      ? h(
          'form',
          {
            className: 'token-form',
            onSubmit: (e: Event) => {
              e.preventDefault();
              saveToken(value);
              setValue('');
              setEditing(false);
              onChange();
            },
          },
          h('input', {
            type: 'password',
            value,
            placeholder: 'Paste a bearer token (JWT)',
            autoComplete: 'off',
            spellCheck: false,
            'aria-label': 'Bearer token',
            'data-testid': 'token-input',
            onChange: (e: { target: HTMLInputElement }) => setValue(e.target.value),
          }),
          h('button', { type: 'submit', 'data-testid': 'token-save' }, 'Use token'),
        )
      : h('button', { type: 'button', onClick: () => setEditing(true) }, 'Change token'),
    h('span', { className: 'hint' }, 'Get one: ', h('code', null, TOKEN_COMMAND), ' (kept in this browser only).'),
  );
}

// ---------------------------------------------------------------------------------------------
// Recognition chain: shipments

type Shipment = NonNullable<ShipmentRecognitionQuery['shipment']>;

function ShipmentView({ shipment }: { shipment: Shipment }) {
  const r = shipment.recognition;
  const consignor = shipment.consignor;
  const certifications = consignor?.certifications ?? [];
  const importing = r?.importingAdministration;
  return h(
    'div',
    { className: 'result', 'data-testid': 'result' },
    h(
      'p',
      { className: 'summary' },
      h('strong', null, shipment.reference),
      ` · ${shipment.origin.name} (${shipment.origin.locode}) → ${shipment.destination.name} (${shipment.destination.locode}) · departed ${shipment.departedOn}`,
    ),
    r
      ? h(
          'p',
          {
            className: cx('verdict', r.outcome === 'RECOGNIZED' ? 'verdict-ok' : r.outcome === 'UNDETERMINED' ? 'verdict-unknown' : 'verdict-bad'),
            'data-testid': 'verdict',
            'data-recognized': String(r.recognized),
            'data-outcome': r.outcome,
          },
          // UNDETERMINED is never shown as a no: a fact the decision needs is unknown (the findings say which).
          r.outcome === 'RECOGNIZED' ? '✓ Recognized' : r.outcome === 'UNDETERMINED' ? '? Undetermined (a needed fact is unknown)' : '✗ Not recognized',
          importing ? ` at destination by ${importing.code} (${importing.name})` : ' at destination (importing administration unknown)',
          ` on ${r.asOf}`,
        )
      : h(
          'p',
          { className: 'verdict verdict-bad', 'data-testid': 'verdict', 'data-recognized': 'false' },
          'No recognition answer (the consignor is not disclosed to your administration).',
        ),
    r?.recognized
      ? r.recognitions.map((rec) => {
          const cert = certifications.find((c) => c.program.code === rec.recognizedProgram.code);
          return h(
            'ol',
            { className: 'chain', key: rec.id, 'data-testid': 'chain' },
            h(Step, { label: 'Consignor', title: consignor?.name ?? '—' }, consignor ? `${consignor.id} · ${consignor.country}` : null),
            h(
              Step,
              { label: 'Certification', title: cert ? `${cert.program.code} ${cert.tier ?? ''}`.trim() : rec.recognizedProgram.code },
              cert
                ? h(
                    Fragment,
                    null,
                    h(Badge, { tone: statusTone(cert.status) }, cert.status),
                    ` ${cert.certificateNumber} · since ${cert.certifiedOn}${cert.validUntil ? ` · valid until ${cert.validUntil}` : ''}`,
                  )
                : null,
            ),
            h(
              Step,
              { label: 'Programme', title: rec.recognizedProgram.code },
              rec.recognizedProgram.name,
              rec.eligibleTiers.length ? ` · eligible tiers ${rec.eligibleTiers.map((t) => t.code).join(', ')}` : '',
            ),
            h(
              Step,
              { label: 'Agreement', title: rec.agreement.id },
              rec.agreement.title,
              h('br'),
              `signed ${rec.agreement.signedOn ?? 'undated'} · in force ${rec.agreement.inForceFrom ?? 'undated'}${basisNote(rec.agreement.inForceBasis)}`,
            ),
            h(
              Step,
              { label: 'Recognizing administration', title: rec.recognizingAdministration.code, testId: 'recognizing-administration' },
              rec.recognizingAdministration.name,
              h('br'),
              `recognizes from ${rec.effectiveFrom ?? '—'}${basisNote(rec.effectiveBasis)}`,
            ),
            h(
              Step,
              { label: 'Benefits', title: `${rec.benefits.length} benefit${rec.benefits.length === 1 ? '' : 's'}`, testId: 'benefits' },
              h('ul', { className: 'benefits' }, ...rec.benefits.map((b) => h('li', { key: b.code, 'data-testid': 'benefit' }, b.name))),
            ),
          );
        })
      : h(
          'ol',
          { className: 'chain', 'data-testid': 'chain' },
          h(
            Step,
            { label: 'Consignor', title: consignor?.name ?? 'not disclosed', tone: consignor ? 'ok' : 'muted' },
            consignor ? `${consignor.id} · ${consignor.country}` : null,
          ),
          certifications.length
            ? certifications.map((c) =>
                h(
                  Step,
                  {
                    key: c.id,
                    label: 'Certification',
                    title: `${c.program.code} ${c.tier ?? ''}`.trim(),
                    tone: c.status === 'CERTIFIED' ? 'ok' : 'bad',
                    testId: 'certification',
                  },
                  h(Badge, { tone: statusTone(c.status) }, c.status),
                  ` now · ${c.certificateNumber} · since ${c.certifiedOn}`,
                ),
              )
            : h(Step, { label: 'Certification', title: 'none visible', tone: 'bad' }),
          h(
            Step,
            { label: `Recognition by ${importing?.code ?? 'the importing administration'}`, title: 'none on this date', tone: 'bad' },
            'See the findings below.',
          ),
        ),
    r ? h(Findings, { findings: r.findings }) : null,
    r?.benefits.length
      ? h(
          'div',
          { className: 'panel' },
          h('h3', null, `Benefits at destination (${importing?.code})`),
          h('ul', { className: 'benefit-list' }, ...r.benefits.map((b) => h('li', { key: b.code }, h('strong', null, b.name), ` — ${b.description}`))),
        )
      : null,
  );
}

function Findings({ findings }: { findings: { code: string; message: string }[] }) {
  return h(
    'div',
    { className: 'panel', 'data-testid': 'findings' },
    h('h3', null, 'Findings'),
    h(
      'ul',
      { className: 'findings' },
      ...findings.map((f, i) =>
        h(
          'li',
          { key: `${f.code}-${i}`, 'data-testid': 'finding', 'data-code': f.code },
          h(Badge, { tone: f.code === 'RECOGNIZED' ? 'ok' : f.code === 'EFFECTIVE_DATE_ASSUMED' ? 'warn' : 'bad' }, f.code),
          ' ',
          f.message,
        ),
      ),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Recognition chain: operators

type Operator = NonNullable<OperatorRecognitionQuery['operator']>;

/** The state of a certification on a date, from its periods ([from, to)). */
const periodOn = periodContaining;

function OperatorView({ operator, asOf }: { operator: Operator; asOf: string }) {
  const certifications = operator.certifications ?? [];
  const recognizedIds = new Set(operator.recognizedBy.map((r) => r.id));
  return h(
    'div',
    { className: 'result', 'data-testid': 'result' },
    h('p', { className: 'summary' }, h('strong', null, operator.name), ` · ${operator.id} · ${operator.country} · ${operator.roles.join(', ').toLowerCase()}`),
    h(
      'p',
      {
        className: cx('verdict', operator.recognizedBy.length ? 'verdict-ok' : 'verdict-bad'),
        'data-testid': 'verdict',
        'data-recognized': String(operator.recognizedBy.length > 0),
      },
      operator.recognizedBy.length
        ? `✓ Recognized on ${asOf} by ${[...new Set(operator.recognizedBy.map((r) => r.recognizingAdministration.code))].join(', ')}`
        : `✗ Recognized by no partner administration on ${asOf}`,
    ),
    // One chain per recognized programme: operator → certification → programme → agreements → administrations → benefits.
    ...[...new Set(operator.recognizedBy.map((r) => r.recognizedProgram.code))].map((programCode) => {
      const recs = operator.recognizedBy.filter((r) => r.recognizedProgram.code === programCode);
      const cert = certifications.find((c) => c.program.code === programCode);
      const state = cert ? periodOn(cert.periods, asOf) : undefined;
      const benefits = [...new Map(recs.flatMap((r) => r.benefits).map((b) => [b.code, b])).values()];
      return h(
        'ol',
        { className: 'chain', key: programCode, 'data-testid': 'chain' },
        h(Step, { label: 'Operator', title: operator.name }, `${operator.id} · ${operator.roles.join(', ').toLowerCase()}`),
        h(
          Step,
          { label: 'Certification', title: `${programCode} ${state?.tier ?? cert?.tier ?? ''}`.trim() },
          state ? h(Fragment, null, h(Badge, { tone: statusTone(state.status) }, state.status), ` on ${asOf}`) : null,
        ),
        h(Step, { label: 'Programme', title: programCode }, recs[0].recognizedProgram.name),
        h(
          Step,
          {
            label: recs.length === 1 ? 'Agreement' : `Agreements (${recs.length})`,
            title: recs.length === 1 ? recs[0].agreement.id : `${recs.length} in force`,
          },
          recs.length === 1
            ? h(
                Fragment,
                null,
                recs[0].agreement.title,
                h('br'),
                `signed ${recs[0].agreement.signedOn ?? 'undated'} · in force ${recs[0].agreement.inForceFrom ?? 'undated'}${basisNote(recs[0].agreement.inForceBasis)}`,
              )
            : recs.map((r) => r.agreement.id).join(', '),
        ),
        h(
          Step,
          {
            label: recs.length === 1 ? 'Recognizing administration' : 'Recognizing administrations',
            title: recs.map((r) => r.recognizingAdministration.code).join(', '),
            testId: 'recognizing-administration',
          },
          recs.length === 1 ? recs[0].recognizingAdministration.name : 'details in the table below',
        ),
        h(
          Step,
          { label: 'Benefits', title: `${benefits.length} benefit${benefits.length === 1 ? '' : 's'}`, testId: 'benefits' },
          h('ul', { className: 'benefits' }, ...benefits.map((b) => h('li', { key: b.code, 'data-testid': 'benefit' }, b.name))),
        ),
      );
    }),
    ...certifications.map((c) => {
      const state = periodOn(c.periods, asOf);
      return h(
        'div',
        { className: 'panel', key: c.id, 'data-testid': 'certification' },
        h('h3', null, `${c.program.code} certification ${c.certificateNumber}`),
        h(
          'p',
          null,
          `On ${asOf}: `,
          state
            ? h(Badge, { tone: statusTone(state.status) }, `${state.status}${state.tier ? ` · ${state.tier}` : ''}`)
            : h(Badge, { tone: 'bad' }, 'not yet certified'),
          ` · now ${c.status}${c.tier ? ` ${c.tier}` : ''} · issued by ${c.program.administration.code}`,
        ),
        h(
          'table',
          { className: 'table' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              ...['Recognized by', 'Agreement', `Agreement status on ${asOf}`, 'Effective', 'Eligible tiers', 'Covered roles', `Applies on ${asOf}`].map((t) =>
                h('th', { key: t }, t),
              ),
            ),
          ),
          h(
            'tbody',
            null,
            ...c.program.recognitions.map((rec) => {
              const tierOk = !state?.tier || rec.eligibleTiers.some((t) => t.code === state.tier);
              const roleOk = operator.roles.some((role) => rec.coveredRoles.includes(role));
              return h(
                'tr',
                { key: rec.id },
                h('td', null, rec.recognizingAdministration.code),
                h('td', null, rec.agreement.id),
                h('td', null, rec.agreement.status ?? '—'),
                h('td', null, `${rec.effectiveFrom ?? '—'}${rec.effectiveTo ? ` – ${rec.effectiveTo}` : ''}`),
                h('td', { className: tierOk ? '' : 'cell-bad' }, rec.eligibleTiers.map((t) => t.code).join(', ')),
                h('td', { className: roleOk ? '' : 'cell-bad' }, rec.coveredRoles.join(', ').toLowerCase()),
                h('td', null, recognizedIds.has(rec.id) ? h(Badge, { tone: 'ok' }, 'yes') : h(Badge, { tone: 'muted' }, 'no')),
              );
            }),
          ),
        ),
        c.history.length
          ? h(
              'details',
              null,
              h('summary', null, `History (${c.history.length} events)`),
              h(
                'ul',
                null,
                ...c.history.map((e, i) =>
                  h('li', { key: i }, `${e.effectiveOn} ${e.type.toLowerCase()} → ${e.statusAfter}${e.tierAfter ? ` ${e.tierAfter}` : ''}: ${e.reason}`),
                ),
              ),
            )
          : null,
      );
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Lookup

const EXAMPLES = ['DEMO-KR-US-0001', 'DEMO-KR-US-SUSPENDED', 'DEMO-KR-US-2009', 'DEMO-KR-BR-0001', 'DEMO-EU-US-AEOC', 'DEMO-EU-US-BROKER', 'OP-KR-DEMO-0001'];
const isOperatorId = (value: string) => /^OP-/i.test(value.trim());

type Lookup =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'error'; error: unknown }
  | { state: 'shipment'; shipment: Shipment }
  | { state: 'operator'; operator: Operator; asOf: string };

function LookupSection({ tokenVersion }: { tokenVersion: number }) {
  const params = new URLSearchParams(location.search);
  const [value, setValue] = useState(params.get('ref') ?? '');
  const [asOf, setAsOf] = useState(params.get('asOf') ?? todayIso());
  const [lookup, setLookup] = useState<Lookup>({ state: 'idle' });

  const explain = useCallback(async (input: string, date: string) => {
    const ref = input.trim();
    if (!ref) return;
    setLookup({ state: 'loading' });
    const search = new URLSearchParams({ ref, ...(isOperatorId(ref) ? { asOf: date } : {}) });
    history.replaceState(null, '', `${location.pathname}?${search}`);
    try {
      if (isOperatorId(ref)) {
        const data = await runTrusted<OperatorRecognitionQuery>('OperatorRecognition', { id: ref, asOf: date });
        setLookup(
          data.operator
            ? { state: 'operator', operator: data.operator, asOf: date }
            : { state: 'error', error: new GraphQLRequestError(`No operator ${ref}.`, 'NOT_FOUND', 200) },
        );
      } else {
        const data = await runTrusted<ShipmentRecognitionQuery>('ShipmentRecognition', { reference: ref });
        setLookup(
          data.shipment
            ? { state: 'shipment', shipment: data.shipment }
            : { state: 'error', error: new GraphQLRequestError(`No shipment ${ref}.`, 'NOT_FOUND', 200) },
        );
      }
    } catch (error) {
      setLookup({ state: 'error', error });
    }
  }, []);

  useEffect(() => {
    if (value) void explain(value, asOf);
    // re-run when the token changes
  }, [tokenVersion]);

  return h(
    'section',
    { className: 'card' },
    h('h2', null, 'Explain a recognition'),
    h(
      'form',
      {
        className: 'lookup',
        onSubmit: (e: Event) => {
          e.preventDefault();
          void explain(value, asOf);
        },
      },
      h('input', {
        value,
        placeholder: 'Shipment reference (DEMO-KR-US-0001) or operator id (OP-KR-DEMO-0001)',
        'aria-label': 'Shipment reference or operator id',
        'data-testid': 'lookup-input',
        spellCheck: false,
        onChange: (e: { target: HTMLInputElement }) => setValue(e.target.value),
      }),
      h(
        'label',
        { className: cx('asof', !isOperatorId(value) && 'asof-off'), title: 'Operators are evaluated on this date; shipments on their departure date' },
        'on ',
        h('input', {
          type: 'date',
          value: asOf,
          min: '2000-01-01',
          'aria-label': 'Date',
          onChange: (e: { target: HTMLInputElement }) => setAsOf(e.target.value),
        }),
      ),
      h('button', { type: 'submit', 'data-testid': 'lookup-submit' }, 'Explain'),
    ),
    h(
      'p',
      { className: 'examples' },
      'Examples: ',
      ...EXAMPLES.map((ex) =>
        h(
          'button',
          {
            key: ex,
            type: 'button',
            className: 'chip',
            onClick: () => {
              setValue(ex);
              void explain(ex, asOf);
            },
          },
          ex,
        ),
      ),
    ),
    lookup.state === 'loading'
      ? h('p', { className: 'muted', 'data-testid': 'loading' }, 'Asking the gateway…')
      : lookup.state === 'error'
        ? h(ErrorBox, { error: lookup.error })
        : lookup.state === 'shipment'
          ? h(ShipmentView, { shipment: lookup.shipment })
          : lookup.state === 'operator'
            ? h(OperatorView, { operator: lookup.operator, asOf: lookup.asOf })
            : null,
  );
}

// ---------------------------------------------------------------------------------------------
// The MRA network

const EDGE_CLASS: Record<string, string> = { IN_FORCE: 'edge-in-force', SIGNED: 'edge-signed', SUSPENDED: 'edge-suspended' };

function NetworkSection({ tokenVersion }: { tokenVersion: number }) {
  const [data, setData] = useState<AgreementNetworkQuery | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [month, setMonth] = useState(MONTHS_FROM_2007());
  const [admin, setAdmin] = useState('');
  const [playing, setPlaying] = useState(false);
  const lastMonth = MONTHS_FROM_2007();
  const date = month >= lastMonth ? todayIso() : monthIndexToDate(month);

  useEffect(() => {
    setError(null);
    runTrusted<AgreementNetworkQuery>('AgreementNetwork').then(setData, setError);
  }, [tokenVersion]);

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(
      () =>
        setMonth((m) => {
          if (m >= lastMonth) {
            setPlaying(false);
            return m;
          }
          return Math.min(m + 3, lastMonth);
        }),
      120,
    );
    return () => clearInterval(timer);
  }, [playing, lastMonth]);

  const layout = useMemo(() => (data ? circularLayout(data.programs, 720, 720) : null), [data]);
  const edges: NetworkEdge[] = useMemo(() => (data ? edgesOn(data.agreements, date) : []), [data, date]);

  if (error) return h('section', { className: 'card' }, h('h2', null, 'The MRA network'), h(ErrorBox, { error }));
  if (!data || !layout) return h('section', { className: 'card' }, h('h2', null, 'The MRA network'), h('p', { className: 'muted' }, 'Loading…'));

  const involves = (e: NetworkEdge) => !admin || e.administrations.includes(admin);
  const shown = edges.filter(involves);
  const connected = new Set(shown.flatMap((e) => [e.from, e.to]));
  const inForce = new Set(shown.filter((e) => e.status === 'IN_FORCE').map((e) => e.agreementId));
  const signedOnly = new Set(shown.filter((e) => e.status === 'SIGNED').map((e) => e.agreementId));
  const agreementsShown = data.agreements.filter((a) => shown.some((e) => e.agreementId === a.id));

  return h(
    'section',
    { className: 'card' },
    h('h2', null, 'The MRA network'),
    h(
      'div',
      { className: 'network-controls' },
      h(
        'label',
        null,
        'Date ',
        h('input', {
          type: 'range',
          min: 0,
          max: lastMonth,
          step: 1,
          value: month,
          'aria-label': 'Network date',
          'data-testid': 'network-date',
          onChange: (e: { target: HTMLInputElement }) => {
            setPlaying(false);
            setMonth(Number(e.target.value));
          },
        }),
        h('output', { 'data-testid': 'network-date-label' }, date),
      ),
      h(
        'button',
        {
          type: 'button',
          onClick: () => {
            if (month >= lastMonth) setMonth(0);
            setPlaying(!playing);
          },
        },
        playing ? 'Pause' : '▶ Play 2007 → today',
      ),
      h(
        'label',
        null,
        'Administration ',
        h(
          'select',
          { value: admin, 'data-testid': 'network-admin', onChange: (e: { target: HTMLSelectElement }) => setAdmin(e.target.value) },
          h('option', { value: '' }, 'all'),
          ...data.administrations.map((a) => h('option', { key: a.code, value: a.code }, `${a.code} — ${a.name}`)),
        ),
      ),
      h('span', { className: 'counts', 'data-testid': 'network-counts' }, `${inForce.size} in force, ${signedOnly.size} signed not yet in force on ${date}`),
    ),
    h(
      'div',
      { className: 'network' },
      h(
        'svg',
        {
          viewBox: `0 0 ${layout.width} ${layout.height}`,
          role: 'img',
          'aria-label': `MRA network on ${date}`,
          'data-testid': 'network-svg',
          className: 'network-svg',
        },
        h(
          'g',
          { className: 'edges' },
          ...shown.map((e) => {
            const a = layout.nodes.get(e.from)!;
            const b = layout.nodes.get(e.to)!;
            return h(
              'line',
              {
                key: `${e.agreementId}-${e.from}-${e.to}`,
                x1: a.x,
                y1: a.y,
                x2: b.x,
                y2: b.y,
                className: cx('edge', EDGE_CLASS[e.status]),
                'data-agreement': e.agreementId,
                'data-status': e.status,
              },
              h('title', null, `${e.agreementId} (${e.status.toLowerCase().replace('_', ' ')})`),
            );
          }),
        ),
        h(
          'g',
          { className: 'nodes' },
          ...[...layout.nodes.values()].map((n) => {
            const active = connected.has(n.code);
            const dim = admin ? !(active || n.administration === admin) : !active;
            return h(
              'g',
              { key: n.code, className: cx('node', dim && 'node-dim', n.administration === admin && 'node-selected'), 'data-program': n.code },
              h('circle', { cx: n.x, cy: n.y, r: active ? 7 : 5 }),
              h('text', { x: n.labelX, y: n.labelY, textAnchor: n.anchor, dominantBaseline: 'middle' }, n.code),
              h('title', null, `${n.code}: ${n.name} (${n.administration})`),
            );
          }),
        ),
      ),
      h(
        'div',
        { className: 'legend' },
        h('p', null, h('span', { className: 'swatch swatch-in-force' }), 'in force'),
        h('p', null, h('span', { className: 'swatch swatch-signed' }), 'signed, not yet in force'),
        h('p', null, h('span', { className: 'swatch swatch-suspended' }), 'suspended'),
        h(
          'p',
          { className: 'muted' },
          'Nodes are programmes, edges arrangements between them (dates as the registry records them; see each agreement in the playground for the sources and the date policy).',
        ),
        h(
          'ul',
          { className: 'agreement-list', 'data-testid': 'network-agreements' },
          ...agreementsShown.map((a) =>
            h(
              'li',
              { key: a.id },
              h('strong', null, a.id),
              ` ${a.parties.map((p) => p.program.code).join(' ↔ ')} · signed ${a.signedOn ?? '?'} · in force ${a.inForceFrom ?? '?'}`,
            ),
          ),
        ),
      ),
    ),
  );
}

// ---------------------------------------------------------------------------------------------

function App() {
  const [tokenVersion, setTokenVersion] = useState(0);
  return h(
    'div',
    { className: 'page' },
    h(
      'header',
      { className: 'top' },
      h(
        'div',
        { className: 'title' },
        h('strong', null, 'customs-gateway'),
        ' recognition explorer',
        h('a', { href: '/playground', className: 'link' }, 'GraphQL playground →'),
      ),
      h(TokenBar, { onChange: () => setTokenVersion((v) => v + 1) }),
    ),
    h('main', null, h(LookupSection, { tokenVersion }), h(NetworkSection, { tokenVersion })),
  );
}

createRoot(document.getElementById('root')!).render(h(App));
