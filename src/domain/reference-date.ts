/**
 * The date that counts for recognition at destination.
 *
 * MRA benefits are granted by the importing administration when the goods are declared to it or arrive
 * at its border, not when they leave the exporting country: the rules are evaluated on the import
 * declaration date (a declaration lodged before arrival takes effect on arrival), else the arrival date,
 * else (goods still in transit, or arrival not recorded) the departure date, with a finding that says so.
 * No date at all: the answer is UNDETERMINED.
 *
 * Pure: imports nothing of the project.
 */

export type IsoDate = string;

/** Which of the shipment's dates the answer is evaluated on. */
export type AsOfBasis = 'IMPORT_DECLARATION' | 'ARRIVAL' | 'DEPARTURE';

export interface ShipmentDates {
  departedOn?: IsoDate | null;
  arrivedOn?: IsoDate | null;
  /** The date the import declaration was lodged with the importing administration (null: not yet, or not recorded). */
  importDeclaredOn?: IsoDate | null;
}

export interface ReferenceDate {
  asOf: IsoDate;
  basis: AsOfBasis;
  /** Why this date and not a later one (only when it is not the import declaration date). */
  note: string | null;
}

function present(value: IsoDate | null | undefined): value is IsoDate {
  return typeof value === 'string' && value !== '';
}

/** The date the recognition answer rests on, or null when the shipment has none of the three dates. */
export function referenceDate(dates: ShipmentDates): ReferenceDate | null {
  if (present(dates.importDeclaredOn)) {
    // A declaration lodged before the goods are presented is accepted only once they are (EU UCC Articles 171-172;
    // US 19 CFR 141.68: an entry filed before arrival takes effect on arrival): the arrival date then counts.
    if (present(dates.arrivedOn) && dates.importDeclaredOn < dates.arrivedOn) {
      return {
        asOf: dates.arrivedOn,
        basis: 'ARRIVAL',
        note: `The import declaration was lodged on ${dates.importDeclaredOn}, before the goods arrived; a declaration lodged before the goods are presented takes effect when they are, so the arrival date ${dates.arrivedOn} counts.`,
      };
    }
    return { asOf: dates.importDeclaredOn, basis: 'IMPORT_DECLARATION', note: null };
  }
  if (present(dates.arrivedOn)) {
    return {
      asOf: dates.arrivedOn,
      basis: 'ARRIVAL',
      note: `No import declaration is recorded, so the answer is evaluated on the arrival date ${dates.arrivedOn} (benefits are granted at the importing border, when the goods are declared or arrive).`,
    };
  }
  if (present(dates.departedOn)) {
    return {
      asOf: dates.departedOn,
      basis: 'DEPARTURE',
      note: `Neither an import declaration nor an arrival is recorded, so the answer is evaluated on the departure date ${dates.departedOn}; benefits are granted when the goods are declared or arrive, and the answer may change if the recognition, the certification or the customs territory changes before then.`,
    };
  }
  return null;
}
