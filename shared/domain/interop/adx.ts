/**
 * ADX (IHE QRPH Aggregate Data Exchange, namespace urn:ihe:qrph:adx:2015) from a data value set: one `group` per
 * organisation unit and period, one `dataValue` per value. Identifiers are DHIS2 UIDs, so a DHIS2 import must be
 * told so (`POST /api/dataValueSets?idScheme=UID` with `Content-Type: application/adx+xml`); the category option
 * combo goes in DHIS2's own `categoryOptionCombo` attribute (ADX proper names each category by its code, which
 * the mapping does not hold). ADX requires `dataSet` on every group: without a configured data set the attribute
 * is left out and the export says so (`adxWithoutDataSet`), since DHIS2 accepts it but a strict ADX validator
 * would not.
 */
import type { Dhis2DataValueSet } from "./dataValueSet";

/** Escapes text for an XML attribute value in double quotes (& < > " ' and the control characters XML allows). */
export function xmlAttr(s: string): string {
  // Fast path: UIDs and numbers, i.e. nearly every attribute, need no escaping.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped or refused
  if (!/[&<>"'\u0000-\u001f\ufffe\uffff]/.test(s)) return s;
  let out = "";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === "&") out += "&amp;";
    else if (ch === "<") out += "&lt;";
    else if (ch === ">") out += "&gt;";
    else if (ch === '"') out += "&quot;";
    else if (ch === "'") out += "&apos;";
    else if (c === 0x9 || c === 0xa || c === 0xd) out += `&#x${c.toString(16).toUpperCase()};`;
    else if (c < 0x20 || c === 0xfffe || c === 0xffff)
      throw new Error(`xmlAttr: U+${c.toString(16)} cannot appear in XML`);
    else out += ch;
  }
  return out;
}

/** ADX period of a DHIS2 monthly period "YYYYMM": "YYYY-MM-01/P1M". */
function adxMonth(dhis2Period: string): string {
  return `${dhis2Period.slice(0, 4)}-${dhis2Period.slice(4, 6)}-01/P1M`;
}

/** The ADX document of a data value set; `exported` is the export time (ISO date-time). */
export function toAdx(set: Dhis2DataValueSet, exported: string): string {
  const groups = new Map<string, Dhis2DataValueSet["dataValues"]>();
  for (const v of set.dataValues) {
    const key = `${v.orgUnit}\u0000${v.period}`;
    const group = groups.get(key);
    if (group) group.push(v);
    else groups.set(key, [v]);
  }
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<adx xmlns="urn:ihe:qrph:adx:2015" exported="${xmlAttr(exported)}">`,
  ];
  for (const [key, values] of groups) {
    const [orgUnit, period] = key.split("\u0000") as [string, string];
    const dataSet = set.dataSet ? ` dataSet="${xmlAttr(set.dataSet)}"` : "";
    lines.push(`  <group orgUnit="${xmlAttr(orgUnit)}" period="${xmlAttr(adxMonth(period))}"${dataSet}>`);
    for (const v of values) {
      const coc = v.categoryOptionCombo ? ` categoryOptionCombo="${xmlAttr(v.categoryOptionCombo)}"` : "";
      lines.push(`    <dataValue dataElement="${xmlAttr(v.dataElement)}"${coc} value="${xmlAttr(v.value)}"/>`);
    }
    lines.push("  </group>");
  }
  lines.push("</adx>");
  return lines.join("\n") + "\n";
}
