/**
 * Demo records: fixed, fictitious (not synthetic) operators and shipments that exercise the recognition
 * rules. They are listed with their expected outcomes in prisma/seed/README.md; `check.ts` verifies them.
 *
 * Rule: a shipment is recognised when the importing administration has a recognition of the consignor's
 * programme in effect on the departure date, the consignor's certification is CERTIFIED and not expired on
 * that date, its tier is in `eligibleTiers` (if any) and one of the consignor's roles is in `coveredRoles` (if any).
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
  certification?: { programCode: string; certificateNumber: string; events: DemoEvent[] };
}

export interface DemoShipment {
  reference: string;
  consignorId: string;
  consigneeId: string;
  originLocode: string;
  destinationLocode: string;
  departedOn: string;
  arrivedOn: string;
  goods: { hsCode: string; description: string; quantity: number; unit: string; grossMassKg: number }[];
  /** What the recognition rule must conclude, and why (documentation and check.ts). */
  expected: { recognized: boolean; recognitionId?: string; reason: string };
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
      recognized: true,
      recognitionId: 'MRA-US-KR:US-CBP<-KR-AEO',
      reason: 'KR-AEO AAA certified and valid on 2024-03-15; US-CBP recognises KR-AEO from 2010-06-28 for all grades and roles.',
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
      recognized: true,
      recognitionId: 'MRA-US-KR:US-CBP<-KR-AEO',
      reason:
        'Same consignor as DEMO-KR-US-0001, later date: KR-AEO AAA renewed on 2024-05-02 and valid on 2024-09-02. A suspension recorded through the API with an earlier effective date makes it unrecognized (time travel).',
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
    expected: { recognized: false, reason: 'The certification has been SUSPENDED since 2024-01-10.' },
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
    expected: { recognized: false, reason: 'Departed before the US-Korea MRA (recognition from 2010-06-28); the certification itself was valid.' },
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
    expected: { recognized: false, reason: 'No Korea-Brazil agreement: BR-RFB does not recognise KR-AEO.' },
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
    expected: { recognized: false, reason: 'Tier AEOC is not eligible: US-CBP recognises EU-AEO AEOS/AEOF holders only.' },
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
      recognized: false,
      reason: 'Role not covered: the EU-US recognition covers MANUFACTURER EXPORTER CARRIER FREIGHT_FORWARDER, not CUSTOMS_BROKER.',
    },
  },
];
