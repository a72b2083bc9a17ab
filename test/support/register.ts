/** Register files in the EU–US exchange CSV shape, for import tests and benchmarks. */
export const REGISTER_HEADER =
  'identifier_scheme,identifier_value,name,address,country,status,validation_date,suspension_date,revocation_date,tier,roles,certificate_number';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** `rows` Korean AEO holders (KR_AEO_NO KR-AEO-<year>-B<n>), mostly CERTIFIED, some SUSPENDED or REVOKED. */
export function syntheticKoreanRegister(rows: number, prefix = 'B'): string {
  const tiers = ['A', 'AA', 'AAA'];
  const roles = ['EXPORTER', 'MANUFACTURER EXPORTER', 'IMPORTER', 'CUSTOMS_BROKER', 'FREIGHT_FORWARDER LOGISTICS_PROVIDER', 'CARRIER'];
  const lines = [REGISTER_HEADER];
  for (let i = 1; i <= rows; i++) {
    const year = 2010 + (i % 14);
    const number = `KR-AEO-${year}-${prefix}${pad(i, 6)}`;
    const validated = `${year}-${pad(1 + (i % 12), 2)}-${pad(1 + (i % 28), 2)}`;
    const fate = i % 20;
    const status = fate === 0 ? 'REVOKED' : fate === 1 ? 'SUSPENDED' : 'CERTIFIED';
    const suspended = status === 'SUSPENDED' ? '2025-03-03' : '';
    const revoked = status === 'REVOKED' ? '2025-05-05' : '';
    lines.push(
      `KR_AEO_NO,${number},"Register Test ${i} Co., Ltd. (synthetic)","${1 + (i % 900)} Test-ro, Busan",KR,${status},${validated},${suspended},${revoked},${tiers[i % 3]},${roles[i % roles.length]},${number}`,
    );
  }
  return lines.join('\n') + '\n';
}
