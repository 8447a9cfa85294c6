/** What a shipment weighs and occupies on a vehicle, from its lines and the products' pack data. */

/** One line of a shipment: the quantity to deliver (base units) and its product's pack data. */
export interface ShipmentLine {
  qty: number;
  packSize: number;
  /** Weight of one pack, grams */
  packWeightG: number;
  /** Volume of one pack, cm³ (= ml) */
  packVolumeCm3: number;
  coldChain: boolean;
}

/** A vehicle load in solver units: grams and millilitres (integers), and whether it needs a cold box. */
export interface ShipmentLoad {
  loadG: number;
  loadMl: number;
  coldChain: boolean;
}

/**
 * Load of one or several shipments to the same place: every line counts qty ÷ pack size packs
 * (a partial pack counts pro rata) of its pack weight and volume; rounded once, at the end.
 * Cold chain when any line with a quantity is.
 */
export function shipmentLoad(lines: ShipmentLine[]): ShipmentLoad {
  let g = 0,
    ml = 0,
    coldChain = false;
  for (const l of lines) {
    if (l.qty <= 0) continue;
    const packs = l.qty / l.packSize;
    g += packs * l.packWeightG;
    ml += packs * l.packVolumeCm3;
    coldChain ||= l.coldChain;
  }
  return { loadG: Math.round(g), loadMl: Math.round(ml), coldChain };
}
