/**
 * Demo records: fixed, fictitious (not synthetic) operators and shipments that exercise the recognition
 * rules. They are listed with their expected outcomes in docs/recognition.md; `check.ts` verifies them with
 * the rules themselves (src/domain/recognition-answer.ts) on the seeded tables.
 *
 * The rule in one breath: on the date that counts (import declaration, else arrival, else departure), the
 * importing administration of the destination on that date (customs unions over time) must have a recognition
 * of the consignor's programme in force on documented dates, the certification must be active, its tier one
 * the recognition covers, a role covered, and the partner's conditions met (consent to data exchange, the AEO
 * identifier declared, the shipper matched). RECOGNIZED when one such ground holds on known facts; UNDETERMINED
 * when a ground is blocked only by a fact nobody documented; otherwise NOT_RECOGNIZED.
 */

export interface DemoEvent {
  type: 'CERTIFIED' | 'TIER_CHANGED' | 'SUSPENDED' | 'REINSTATED' | 'REVOKED' | 'RENEWED';
  effectiveOn: string;
  statusAfter: 'CERTIFIED' | 'SUSPENDED' | 'REVOKED';
  tierAfter: string | null;
  validUntilAfter: string | null;
  reason: string;
}

export interface DemoOperator {
  id: string;
  name: string;
  countryCode: string;
  address: string;
  administrationCode: string;
  roles: string[];
  identifiers: { scheme: string; value: string }[];
  certification?: { programCode: string; certificateNumber: string; events: DemoEvent[]; consents?: DemoConsent[] };
}

/** Consent to the exchange of the operator's AEO data with partner administrations (partner absent: every partner). */
export interface DemoConsent {
  status: 'GIVEN' | 'WITHDRAWN';
  effectiveOn: string;
  partner?: string;
  note: string;
}

export interface DemoShipment {
  reference: string;
  consignorId: string;
  consigneeId: string;
  originLocode: string;
  destinationLocode: string;
  departedOn: string;
  arrivedOn: string;
  /** The import declaration date (the date that counts when present). */
  importDeclaredOn?: string;
  /** The foreign AEO identifier declared in the import declaration. */
  partnerAeoId?: string;
  /** The shipper identifier in the declaration / advance cargo information. */
  shipperIdentifier?: string;
  goods: { hsCode: string; description: string; quantity: number; unit: string; grossMassKg: number }[];
  /** What the recognition rule must conclude, and why (documentation and check.ts). */
  expected: {
    outcome: 'RECOGNIZED' | 'NOT_RECOGNIZED' | 'UNDETERMINED';
    /** The decisive finding code. */
    finding: string;
    asOf: string;
    importingAdministration: string;
    recognitionId?: string;
    reason: string;
  };
}

export const DEMO_OPERATORS: DemoOperator[] = [
  {
    id: 'OP-KR-DEMO-0001',
    name: 'Hanbit Precision Co., Ltd. (demo)',
    countryCode: 'KR',
    address: '55 Jungang-daero, Jung-gu, Busan',
    administrationCode: 'KR-KCS',
    roles: ['EXPORTER', 'MANUFACTURER'],
    identifiers: [
      { scheme: 'KR_AEO_NO', value: 'KR-AEO-2019-D00001' },
      { scheme: 'MID', value: 'KRHANPRE55BUS' },
    ],
    certification: {
      programCode: 'KR-AEO',
      certificateNumber: 'KR-AEO-2019-D00001',
      events: [
        {
          type: 'CERTIFIED',
          effectiveOn: '2019-05-02',
          statusAfter: 'CERTIFIED',
          tierAfter: 'AAA',
          validUntilAfter: '2024-05-02',
          reason: 'Initial certification, grade AAA (demo)',
        },
        {
          type: 'RENEWED',
          effectiveOn: '2024-05-02',
          statusAfter: 'CERTIFIED',
          tierAfter: 'AAA',
          validUntilAfter: '2029-05-02',
          reason: 'Renewed after comprehensive audit for 5 years (demo)',
        },
      ],
    },
  },
  {
    id: 'OP-KR-DEMO-0002',
    name: 'Daon Electronics Co., Ltd. (demo)',
    countryCode: 'KR',
    address: '120 Songdo-dong, Yeonsu-gu, Incheon',
    administrationCode: 'KR-KCS',
    roles: ['EXPORTER'],
    identifiers: [
      { scheme: 'KR_AEO_NO', value: 'KR-AEO-2018-D00002' },
      { scheme: 'MID', value: 'KRDAOELE120INC' },
    ],
    certification: {
      programCode: 'KR-AEO',
      certificateNumber: 'KR-AEO-2018-D00002',
      events: [
        {
          type: 'CERTIFIED',
          effectiveOn: '2018-03-15',
          statusAfter: 'CERTIFIED',
          tierAfter: 'AA',
          validUntilAfter: '2023-03-15',
          reason: 'Initial certification, grade AA (demo)',
        },
        {
          type: 'RENEWED',
          effectiveOn: '2023-03-15',
          statusAfter: 'CERTIFIED',
          tierAfter: 'AA',
          validUntilAfter: '2028-03-15',
          reason: 'Renewed after comprehensive audit for 5 years (demo)',
        },
        {
          type: 'SUSPENDED',
          effectiveOn: '2024-01-10',
          statusAfter: 'SUSPENDED',
          tierAfter: 'AA',
          validUntilAfter: '2028-03-15',
          reason: 'Suspended pending a post-authorisation audit finding (demo)',
        },
      ],
    },
  },
  {
    id: 'OP-KR-DEMO-0003',
    name: 'Seorin Textiles Co., Ltd. (demo)',
    countryCode: 'KR',
    address: '8 Sinseon-ro, Nam-gu, Busan',
    administrationCode: 'KR-KCS',
    roles: ['EXPORTER'],
    identifiers: [
      { scheme: 'KR_AEO_NO', value: 'KR-AEO-2009-D00003' },
      { scheme: 'MID', value: 'KRSEOTEX8BUS' },
    ],
    certification: {
      programCode: 'KR-AEO',
      certificateNumber: 'KR-AEO-2009-D00003',
      events: [
        {
          type: 'CERTIFIED',
          effectiveOn: '2009-06-01',
          statusAfter: 'CERTIFIED',
          tierAfter: 'A',
          validUntilAfter: '2012-06-01',
          reason: 'Initial certification, grade A; 3-year validity under the 2009 rules (demo)',
        },
        {
          type: 'RENEWED',
          effectiveOn: '2012-06-01',
          statusAfter: 'CERTIFIED',
          tierAfter: 'A',
          validUntilAfter: '2015-06-01',
          reason: 'Renewed for 3 years (demo)',
        },
        {
          type: 'RENEWED',
          effectiveOn: '2015-06-01',
          statusAfter: 'CERTIFIED',
          tierAfter: 'A',
          validUntilAfter: '2018-06-01',
          reason: 'Renewed for 3 years (demo)',
        },
        {
          type: 'RENEWED',
          effectiveOn: '2018-06-01',
          statusAfter: 'CERTIFIED',
          tierAfter: 'A',
          validUntilAfter: '2023-06-01',
          reason: 'Renewed for 5 years under the 2017+ rules (demo)',
        },
        {
          type: 'RENEWED',
          effectiveOn: '2023-06-01',
          statusAfter: 'CERTIFIED',
          tierAfter: 'A',
          validUntilAfter: '2028-06-01',
          reason: 'Renewed for 5 years (demo)',
        },
      ],
    },
  },
  {
    id: 'OP-US-DEMO-0001',
    name: 'Pacific Crest Imports Inc. (demo)',
    countryCode: 'US',
    address: '1200 Harbor Gateway, Los Angeles, CA',
    administrationCode: 'US-CBP',
    roles: ['IMPORTER'],
    identifiers: [
      { scheme: 'EIN', value: '95-7310042' },
      { scheme: 'CTPAT_ACCOUNT', value: '90000001' },
    ],
    certification: {
      programCode: 'US-CTPAT',
      certificateNumber: 'US-CTPAT-2011-D00001',
      events: [
        {
          type: 'CERTIFIED',
          effectiveOn: '2011-02-14',
          statusAfter: 'CERTIFIED',
          tierAfter: 'I',
          validUntilAfter: null,
          reason: 'Certified as an importer, Tier I (demo)',
        },
        {
          type: 'TIER_CHANGED',
          effectiveOn: '2012-02-14',
          statusAfter: 'CERTIFIED',
          tierAfter: 'II',
          validUntilAfter: null,
          reason: 'Validated by CBP: Tier II (demo)',
        },
      ],
    },
  },
  {
    id: 'OP-BR-DEMO-0001',
    name: 'Atlântico Importadora Ltda. (demo)',
    countryCode: 'BR',
    address: 'Avenida Conselheiro Nébias 300, Santos, SP',
    administrationCode: 'BR-RFB',
    roles: ['IMPORTER'],
    identifiers: [{ scheme: 'CNPJ', value: '12345678000195' }],
  },
  {
    id: 'OP-EU-DEMO-0001',
    name: 'Elbtal Maschinenbau GmbH (demo)',
    countryCode: 'DE',
    address: 'Am Sandtorkai 12, Hamburg',
    administrationCode: 'EU-TAXUD',
    roles: ['EXPORTER'],
    identifiers: [
      { scheme: 'EORI', value: 'DE123456789012' },
      { scheme: 'MID', value: 'DEELBMAS12HAM' },
    ],
    certification: {
      programCode: 'EU-AEO',
      certificateNumber: 'EU-AEO-2017-D00001',
      events: [
        {
          type: 'CERTIFIED',
          effectiveOn: '2017-03-01',
          statusAfter: 'CERTIFIED',
          tierAfter: 'AEOC',
          validUntilAfter: null,
          reason: 'AEOC authorisation only (customs simplifications), no AEOS (demo)',
        },
      ],
    },
  },
  {
    id: 'OP-EU-DEMO-0002',
    name: 'Nordhafen Zollagentur GmbH (demo)',
    countryCode: 'DE',
    address: 'Grosse Elbstrasse 40, Hamburg',
    administrationCode: 'EU-TAXUD',
    roles: ['CUSTOMS_BROKER'],
    identifiers: [{ scheme: 'EORI', value: 'DE987654321098' }],
    certification: {
      programCode: 'EU-AEO',
      certificateNumber: 'EU-AEO-2014-D00002',
      events: [
        {
          type: 'CERTIFIED',
          effectiveOn: '2014-09-15',
          statusAfter: 'CERTIFIED',
          tierAfter: 'AEOS',
          validUntilAfter: null,
          reason: 'AEOS authorisation as a customs agent (demo)',
        },
      ],
    },
  },
  {
    id: 'OP-EU-DEMO-0003',
    name: 'Rheinau Feinwerk GmbH (demo)',
    countryCode: 'DE',
    address: 'Hafenstrasse 7, Bremen',
    administrationCode: 'EU-TAXUD',
    roles: ['EXPORTER', 'MANUFACTURER'],
    identifiers: [
      { scheme: 'EORI', value: 'DE555000111222' },
      { scheme: 'MID', value: 'DERHEFEI7BRE' },
    ],
    certification: {
      programCode: 'EU-AEO',
      certificateNumber: 'EU-AEO-2011-D00003',
      events: [
        {
          type: 'CERTIFIED',
          effectiveOn: '2011-03-01',
          statusAfter: 'CERTIFIED',
          tierAfter: 'AEOF',
          validUntilAfter: null,
          reason: 'AEOF authorisation (customs simplifications and security) (demo)',
        },
      ],
      consents: [
        { status: 'GIVEN', effectiveOn: '2011-03-01', note: 'Consent box ticked in the AEO application: data may be exchanged with MRA partners (demo)' },
        { status: 'WITHDRAWN', effectiveOn: '2024-10-01', note: 'Consent to the exchange of AEO data withdrawn by written request (demo)' },
      ],
    },
  },
  {
    id: 'OP-EU-DEMO-0004',
    name: 'Jadran Uvoz d.o.o. (demo)',
    countryCode: 'HR',
    address: 'Riva 20, Rijeka',
    administrationCode: 'EU-TAXUD',
    roles: ['IMPORTER'],
    identifiers: [{ scheme: 'EORI', value: 'HR12345678901' }],
  },
  {
    id: 'OP-GB-DEMO-0001',
    name: 'Orwell Trading Ltd (demo)',
    countryCode: 'GB',
    address: '3 Dock Road, Felixstowe',
    administrationCode: 'GB-HMRC',
    roles: ['IMPORTER'],
    identifiers: [{ scheme: 'EORI', value: 'GB123456789000' }],
  },
  {
    id: 'OP-JP-DEMO-0001',
    name: 'Setouchi Bearings K.K. (demo)',
    countryCode: 'JP',
    address: '2-1 Minato-machi, Yokohama',
    administrationCode: 'JP-JCTB',
    roles: ['EXPORTER', 'MANUFACTURER'],
    identifiers: [
      { scheme: 'JP_AEO', value: 'JP-AEO-2010-D00001' },
      { scheme: 'MID', value: 'JPSETBEA21YOK' },
    ],
    certification: {
      programCode: 'JP-AEO',
      certificateNumber: 'JP-AEO-2010-D00001',
      events: [
        {
          type: 'CERTIFIED',
          effectiveOn: '2010-04-01',
          statusAfter: 'CERTIFIED',
          tierAfter: null,
          validUntilAfter: null,
          reason: 'Authorised exporter (AEO) (demo)',
        },
      ],
    },
  },
  {
    id: 'OP-CA-DEMO-0001',
    name: 'Fraser Gateway Imports Ltd. (demo)',
    countryCode: 'CA',
    address: '999 Canada Place, Vancouver, BC',
    administrationCode: 'CA-CBSA',
    roles: ['IMPORTER'],
    identifiers: [{ scheme: 'CA_BN', value: '123456789RM0001' }],
  },
  {
    id: 'OP-MX-DEMO-0001',
    name: 'Bajio Autopartes S.A. de C.V. (demo)',
    countryCode: 'MX',
    address: 'Av. Industrial 455, Lazaro Cardenas, Michoacan',
    administrationCode: 'MX-SAT',
    roles: ['MANUFACTURER'],
    identifiers: [{ scheme: 'MID', value: 'MXBAJAUT455LAZ' }],
    certification: {
      programCode: 'MX-NEEC',
      certificateNumber: 'MX-NEEC-2023-D00001',
      events: [
        {
          type: 'CERTIFIED',
          effectiveOn: '2023-02-01',
          statusAfter: 'CERTIFIED',
          tierAfter: 'AA',
          validUntilAfter: '2024-02-01',
          reason: 'IVA/IEPS certification, modality AA (a tax certification, not the security OEA) (demo)',
        },
        {
          type: 'RENEWED',
          effectiveOn: '2024-02-01',
          statusAfter: 'CERTIFIED',
          tierAfter: 'AA',
          validUntilAfter: '2025-02-01',
          reason: 'Renewed for one year (demo)',
        },
      ],
    },
  },
];

export const DEMO_SHIPMENTS: DemoShipment[] = [
  {
    reference: 'DEMO-KR-US-0001',
    consignorId: 'OP-KR-DEMO-0001',
    consigneeId: 'OP-US-DEMO-0001',
    originLocode: 'KRPUS',
    destinationLocode: 'USLAX',
    departedOn: '2024-03-15',
    arrivedOn: '2024-03-29',
    goods: [
      { hsCode: '850440', description: 'Static converters (industrial power supply units)', quantity: 1200, unit: 'PCS', grossMassKg: 3180.5 },
      { hsCode: '848180', description: 'Solenoid valves', quantity: 800, unit: 'PCS', grossMassKg: 1264 },
    ],
    expected: {
      outcome: 'UNDETERMINED',
      finding: 'EFFECTIVE_DATE_UNKNOWN',
      asOf: '2024-03-29',
      importingAdministration: 'US-CBP',
      reason:
        'KR-AEO AAA certified and valid on the arrival date 2024-03-29, but no date from which US-CBP applies the US-Korea MRA (signed 2010-06-25) is documented: the answer cannot be a yes or a no.',
    },
  },
  {
    reference: 'DEMO-KR-US-0002',
    consignorId: 'OP-KR-DEMO-0001',
    consigneeId: 'OP-US-DEMO-0001',
    originLocode: 'KRPUS',
    destinationLocode: 'USLAX',
    departedOn: '2024-09-02',
    arrivedOn: '2024-09-16',
    goods: [{ hsCode: '848180', description: 'Solenoid valves', quantity: 1500, unit: 'PCS', grossMassKg: 2370 }],
    expected: {
      outcome: 'UNDETERMINED',
      finding: 'EFFECTIVE_DATE_UNKNOWN',
      asOf: '2024-09-16',
      importingAdministration: 'US-CBP',
      reason:
        'Same consignor as DEMO-KR-US-0001, later date: KR-AEO AAA renewed on 2024-05-02 and valid; US-Korea still has no documented date of application. A suspension recorded through the API with an earlier effective date makes it NOT_RECOGNIZED (time travel): an established reason wins over an unknown.',
    },
  },
  {
    reference: 'DEMO-KR-US-SUSPENDED',
    consignorId: 'OP-KR-DEMO-0002',
    consigneeId: 'OP-US-DEMO-0001',
    originLocode: 'KRPUS',
    destinationLocode: 'USLAX',
    departedOn: '2024-02-01',
    arrivedOn: '2024-02-15',
    goods: [{ hsCode: '851762', description: 'Network switches and routers', quantity: 2400, unit: 'PCS', grossMassKg: 1930 }],
    expected: {
      outcome: 'NOT_RECOGNIZED',
      finding: 'CERTIFICATION_SUSPENDED',
      asOf: '2024-02-15',
      importingAdministration: 'US-CBP',
      reason: 'The certification has been SUSPENDED since 2024-01-10: established, whatever the agreement dates.',
    },
  },
  {
    reference: 'DEMO-KR-US-2009',
    consignorId: 'OP-KR-DEMO-0003',
    consigneeId: 'OP-US-DEMO-0001',
    originLocode: 'KRPUS',
    destinationLocode: 'USLAX',
    departedOn: '2009-12-01',
    arrivedOn: '2009-12-15',
    goods: [{ hsCode: '540752', description: 'Woven fabrics of synthetic filament yarn, dyed', quantity: 18000, unit: 'KGM', grossMassKg: 18650 }],
    expected: {
      outcome: 'NOT_RECOGNIZED',
      finding: 'AGREEMENT_NOT_IN_FORCE',
      asOf: '2009-12-15',
      importingAdministration: 'US-CBP',
      reason: 'Arrived before the US-Korea MRA was even signed (2010-06-25): it cannot have applied, although its later date of application is unknown.',
    },
  },
  {
    reference: 'DEMO-KR-BR-0001',
    consignorId: 'OP-KR-DEMO-0001',
    consigneeId: 'OP-BR-DEMO-0001',
    originLocode: 'KRPUS',
    destinationLocode: 'BRSSZ',
    departedOn: '2024-05-20',
    arrivedOn: '2024-06-28',
    goods: [{ hsCode: '850440', description: 'Static converters (industrial power supply units)', quantity: 600, unit: 'PCS', grossMassKg: 1590 }],
    expected: {
      outcome: 'UNDETERMINED',
      finding: 'REGISTER_COVERAGE_UNKNOWN',
      asOf: '2024-06-28',
      importingAdministration: 'BR-RFB',
      reason:
        "No Korea-Brazil arrangement is recorded, but the register's list of BR-RFB's arrangements has not been checked complete against Brazil's own, so the absence is not proof: UNDETERMINED.",
    },
  },
  {
    reference: 'DEMO-EU-US-AEOC',
    consignorId: 'OP-EU-DEMO-0001',
    consigneeId: 'OP-US-DEMO-0001',
    originLocode: 'DEHAM',
    destinationLocode: 'USNYC',
    departedOn: '2024-06-03',
    arrivedOn: '2024-06-14',
    goods: [{ hsCode: '847989', description: 'Packaging machines', quantity: 4, unit: 'PCS', grossMassKg: 5200 }],
    expected: {
      outcome: 'NOT_RECOGNIZED',
      finding: 'TIER_NOT_ELIGIBLE',
      asOf: '2024-06-14',
      importingAdministration: 'US-CBP',
      recognitionId: 'MRA-US-EU:US-CBP<-EU-AEO',
      reason: 'Tier AEOC (customs simplifications) is not eligible: US-CBP recognises EU-AEO AEOS/AEOF holders only.',
    },
  },
  {
    reference: 'DEMO-EU-US-BROKER',
    consignorId: 'OP-EU-DEMO-0002',
    consigneeId: 'OP-US-DEMO-0001',
    originLocode: 'DEHAM',
    destinationLocode: 'USNYC',
    departedOn: '2024-06-04',
    arrivedOn: '2024-06-15',
    goods: [{ hsCode: '392690', description: 'Articles of plastics (sample consignment)', quantity: 40, unit: 'CTN', grossMassKg: 310 }],
    expected: {
      outcome: 'NOT_RECOGNIZED',
      finding: 'ROLE_NOT_COVERED',
      asOf: '2024-06-15',
      importingAdministration: 'US-CBP',
      recognitionId: 'MRA-US-EU:US-CBP<-EU-AEO',
      reason: 'Role not covered: the EU-US recognition covers MANUFACTURER EXPORTER CARRIER FREIGHT_FORWARDER, not CUSTOMS_BROKER.',
    },
  },
  {
    reference: 'DEMO-EU-US-0001',
    consignorId: 'OP-EU-DEMO-0003',
    consigneeId: 'OP-US-DEMO-0001',
    originLocode: 'DEBRV',
    destinationLocode: 'USNYC',
    departedOn: '2024-06-10',
    arrivedOn: '2024-06-21',
    importDeclaredOn: '2024-06-21',
    goods: [{ hsCode: '848210', description: 'Ball bearings', quantity: 30000, unit: 'PCS', grossMassKg: 4100 }],
    expected: {
      outcome: 'RECOGNIZED',
      finding: 'RECOGNIZED',
      asOf: '2024-06-21',
      importingAdministration: 'US-CBP',
      recognitionId: 'MRA-US-EU:US-CBP<-EU-AEO',
      reason: 'EU AEOF exporter with consent to data exchange; US-CBP recognises EU AEOS/AEOF from 2012-07-01 (phase I, documented).',
    },
  },
  {
    reference: 'DEMO-EU-US-2012',
    consignorId: 'OP-EU-DEMO-0003',
    consigneeId: 'OP-US-DEMO-0001',
    originLocode: 'DEBRV',
    destinationLocode: 'USNYC',
    departedOn: '2012-06-18',
    arrivedOn: '2012-07-02',
    importDeclaredOn: '2012-07-02',
    goods: [{ hsCode: '848210', description: 'Ball bearings', quantity: 12000, unit: 'PCS', grossMassKg: 1650 }],
    expected: {
      outcome: 'RECOGNIZED',
      finding: 'RECOGNIZED',
      asOf: '2012-07-02',
      importingAdministration: 'US-CBP',
      recognitionId: 'MRA-US-EU:US-CBP<-EU-AEO',
      reason: 'Departed 2012-06-18, before phase I of EU-US; declared on 2012-07-02, after it: the date that counts is the declaration.',
    },
  },
  {
    reference: 'DEMO-EU-US-CONSENT',
    consignorId: 'OP-EU-DEMO-0003',
    consigneeId: 'OP-US-DEMO-0001',
    originLocode: 'DEBRV',
    destinationLocode: 'USNYC',
    departedOn: '2024-10-14',
    arrivedOn: '2024-10-25',
    importDeclaredOn: '2024-10-25',
    goods: [{ hsCode: '848210', description: 'Ball bearings', quantity: 25000, unit: 'PCS', grossMassKg: 3420 }],
    expected: {
      outcome: 'NOT_RECOGNIZED',
      finding: 'CONSENT_NOT_GIVEN',
      asOf: '2024-10-25',
      importingAdministration: 'US-CBP',
      recognitionId: 'MRA-US-EU:US-CBP<-EU-AEO',
      reason: 'Same exporter, after it withdrew its consent to data exchange on 2024-10-01: the EU requires consent for MRA benefits.',
    },
  },
  {
    reference: 'DEMO-JP-GB-2020',
    consignorId: 'OP-JP-DEMO-0001',
    consigneeId: 'OP-GB-DEMO-0001',
    originLocode: 'JPYOK',
    destinationLocode: 'GBFXT',
    departedOn: '2020-10-20',
    arrivedOn: '2020-11-24',
    importDeclaredOn: '2020-11-24',
    partnerAeoId: 'JP-AEO-2010-D00001',
    goods: [{ hsCode: '848220', description: 'Tapered roller bearings', quantity: 8000, unit: 'PCS', grossMassKg: 2900 }],
    expected: {
      outcome: 'RECOGNIZED',
      finding: 'RECOGNIZED',
      asOf: '2020-11-24',
      importingAdministration: 'EU-TAXUD',
      recognitionId: 'MRA-EU-JP:EU-TAXUD<-JP-AEO',
      reason: 'Declared in Felixstowe on 2020-11-24, while GB was in the EU customs union: EU-TAXUD recognises JP-AEO (from 2011-05-24), AEO code declared.',
    },
  },
  {
    reference: 'DEMO-JP-GB-2021',
    consignorId: 'OP-JP-DEMO-0001',
    consigneeId: 'OP-GB-DEMO-0001',
    originLocode: 'JPYOK',
    destinationLocode: 'GBFXT',
    departedOn: '2020-12-15',
    arrivedOn: '2021-01-19',
    importDeclaredOn: '2021-01-19',
    partnerAeoId: 'JP-AEO-2010-D00001',
    goods: [{ hsCode: '848220', description: 'Tapered roller bearings', quantity: 8000, unit: 'PCS', grossMassKg: 2900 }],
    expected: {
      outcome: 'UNDETERMINED',
      finding: 'REGISTER_COVERAGE_UNKNOWN',
      asOf: '2021-01-19',
      importingAdministration: 'GB-HMRC',
      reason:
        "Departed in 2020 but declared on 2021-01-19, after GB left the EU customs union: HMRC is the importer. No UK-Japan arrangement is recorded (the UK's post-Brexit MRAs other than US, CH, NZ are not in the register), so the absence is not proof: UNDETERMINED.",
    },
  },
  {
    reference: 'DEMO-JP-HR-2013',
    consignorId: 'OP-JP-DEMO-0001',
    consigneeId: 'OP-EU-DEMO-0004',
    originLocode: 'JPYOK',
    destinationLocode: 'HRRJK',
    departedOn: '2013-05-20',
    arrivedOn: '2013-06-25',
    importDeclaredOn: '2013-06-25',
    partnerAeoId: 'JP-AEO-2010-D00001',
    goods: [{ hsCode: '848210', description: 'Ball bearings', quantity: 5000, unit: 'PCS', grossMassKg: 690 }],
    expected: {
      outcome: 'UNDETERMINED',
      finding: 'IMPORTING_ADMINISTRATION_UNKNOWN',
      asOf: '2013-06-25',
      importingAdministration: '',
      reason:
        'Declared in Rijeka on 2013-06-25, before Croatia joined the EU customs union (2013-07-01): Croatian customs, which is not in the registry, was the importer.',
    },
  },
  {
    reference: 'DEMO-JP-HR-2013-07',
    consignorId: 'OP-JP-DEMO-0001',
    consigneeId: 'OP-EU-DEMO-0004',
    originLocode: 'JPYOK',
    destinationLocode: 'HRRJK',
    departedOn: '2013-06-01',
    arrivedOn: '2013-07-08',
    importDeclaredOn: '2013-07-08',
    partnerAeoId: 'JP-AEO-2010-D00001',
    goods: [{ hsCode: '848210', description: 'Ball bearings', quantity: 5000, unit: 'PCS', grossMassKg: 690 }],
    expected: {
      outcome: 'RECOGNIZED',
      finding: 'RECOGNIZED',
      asOf: '2013-07-08',
      importingAdministration: 'EU-TAXUD',
      recognitionId: 'MRA-EU-JP:EU-TAXUD<-JP-AEO',
      reason: 'Declared on 2013-07-08, a week after Croatia joined the EU customs union: EU-TAXUD recognises JP-AEO.',
    },
  },
  {
    reference: 'DEMO-JP-DE-NOID',
    consignorId: 'OP-JP-DEMO-0001',
    consigneeId: 'OP-EU-DEMO-0001',
    originLocode: 'JPYOK',
    destinationLocode: 'DEHAM',
    departedOn: '2024-08-05',
    arrivedOn: '2024-09-09',
    importDeclaredOn: '2024-09-10',
    goods: [{ hsCode: '848220', description: 'Tapered roller bearings', quantity: 6000, unit: 'PCS', grossMassKg: 2150 }],
    expected: {
      outcome: 'NOT_RECOGNIZED',
      finding: 'PARTNER_ID_NOT_DECLARED',
      asOf: '2024-09-10',
      importingAdministration: 'EU-TAXUD',
      recognitionId: 'MRA-EU-JP:EU-TAXUD<-JP-AEO',
      reason: "The EU-Japan arrangement requires the exporter's AEO code in the import declaration; this declaration names none.",
    },
  },
  {
    reference: 'DEMO-KR-CA-0001',
    consignorId: 'OP-KR-DEMO-0001',
    consigneeId: 'OP-CA-DEMO-0001',
    originLocode: 'KRPUS',
    destinationLocode: 'CAVAN',
    departedOn: '2024-04-02',
    arrivedOn: '2024-04-16',
    importDeclaredOn: '2024-04-16',
    shipperIdentifier: 'KRHANPRE55BUS',
    goods: [{ hsCode: '850440', description: 'Static converters (industrial power supply units)', quantity: 900, unit: 'PCS', grossMassKg: 2390 }],
    expected: {
      outcome: 'RECOGNIZED',
      finding: 'RECOGNIZED',
      asOf: '2024-04-16',
      importingAdministration: 'CA-CBSA',
      recognitionId: 'MRA-KR-CA:CA-CBSA<-KR-AEO',
      reason: "Korea-Canada in force from 2015-11-01; CBSA matches the shipper against KCS's AEO list and the shipper is the certified exporter.",
    },
  },
  {
    reference: 'DEMO-KR-CA-0002',
    consignorId: 'OP-KR-DEMO-0001',
    consigneeId: 'OP-CA-DEMO-0001',
    originLocode: 'KRPUS',
    destinationLocode: 'CAVAN',
    departedOn: '2024-09-02',
    arrivedOn: '2024-09-16',
    importDeclaredOn: '2024-09-17',
    shipperIdentifier: 'KRHANPRE55BUS',
    goods: [{ hsCode: '848180', description: 'Solenoid valves', quantity: 1500, unit: 'PCS', grossMassKg: 2370 }],
    expected: {
      outcome: 'RECOGNIZED',
      finding: 'RECOGNIZED',
      asOf: '2024-09-17',
      importingAdministration: 'CA-CBSA',
      recognitionId: 'MRA-KR-CA:CA-CBSA<-KR-AEO',
      reason:
        'Same consignor as DEMO-KR-CA-0001, later date: KR-AEO AAA renewed on 2024-05-02. A suspension recorded through the API with an earlier effective date makes it NOT_RECOGNIZED (time travel), while DEMO-KR-CA-0001 stays RECOGNIZED.',
    },
  },
  {
    reference: 'DEMO-KR-CA-2015',
    consignorId: 'OP-KR-DEMO-0003',
    consigneeId: 'OP-CA-DEMO-0001',
    originLocode: 'KRPUS',
    destinationLocode: 'CAVAN',
    departedOn: '2015-10-19',
    arrivedOn: '2015-11-02',
    importDeclaredOn: '2015-11-02',
    shipperIdentifier: 'Seorin Textiles Co., Ltd. (demo)',
    goods: [{ hsCode: '540752', description: 'Woven fabrics of synthetic filament yarn, dyed', quantity: 9000, unit: 'KGM', grossMassKg: 9350 }],
    expected: {
      outcome: 'RECOGNIZED',
      finding: 'RECOGNIZED',
      asOf: '2015-11-02',
      importingAdministration: 'CA-CBSA',
      recognitionId: 'MRA-KR-CA:CA-CBSA<-KR-AEO',
      reason: 'Departed before Korea-Canada applied (2015-11-01) but declared after: recognized on the declaration date; shipper matched by name.',
    },
  },
  {
    reference: 'DEMO-KR-CA-SHIPPER',
    consignorId: 'OP-KR-DEMO-0001',
    consigneeId: 'OP-CA-DEMO-0001',
    originLocode: 'KRPUS',
    destinationLocode: 'CAVAN',
    departedOn: '2024-05-06',
    arrivedOn: '2024-05-20',
    importDeclaredOn: '2024-05-21',
    shipperIdentifier: 'Busan Consolidators Co.',
    goods: [{ hsCode: '848180', description: 'Solenoid valves', quantity: 700, unit: 'PCS', grossMassKg: 1106 }],
    expected: {
      outcome: 'NOT_RECOGNIZED',
      finding: 'SHIPPER_NOT_COVERED',
      asOf: '2024-05-21',
      importingAdministration: 'CA-CBSA',
      recognitionId: 'MRA-KR-CA:CA-CBSA<-KR-AEO',
      reason:
        'The declared shipper is a consolidator, not the certified Korean AEO: CBSA matches by shipper, so the certification does not cover the consignment.',
    },
  },
  {
    reference: 'DEMO-MX-US-IVA',
    consignorId: 'OP-MX-DEMO-0001',
    consigneeId: 'OP-US-DEMO-0001',
    originLocode: 'MXLZC',
    destinationLocode: 'USLAX',
    departedOn: '2024-07-08',
    arrivedOn: '2024-07-15',
    importDeclaredOn: '2024-07-15',
    goods: [{ hsCode: '870899', description: 'Parts for motor vehicles', quantity: 2200, unit: 'PCS', grossMassKg: 7400 }],
    expected: {
      outcome: 'NOT_RECOGNIZED',
      finding: 'TIER_NOT_ELIGIBLE',
      asOf: '2024-07-15',
      importingAdministration: 'US-CBP',
      recognitionId: 'MRA-US-MX:US-CBP<-MX-NEEC',
      reason:
        "An IVA/IEPS (tax) certification is not Mexico's security OEA: no partner recognises it. Established, although US-Mexico's date of application is unknown.",
    },
  },
];
