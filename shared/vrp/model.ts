/**
 * Public model of the route solver, shaped like VROOM's input.
 * Integer units everywhere (STYLE rule 6): seconds, metres, base units of each
 * load dimension (e.g. kg and litres), FCFA for costs.
 */

/** A quantity per load dimension, e.g. [kg, litres]; all vectors of one problem have the same length. */
export type Amount = number[];

/** Closed interval of allowed service start times, in seconds on the problem's clock. */
export interface TimeWindow {
  startS: number;
  endS: number;
}

/** A delivery stop. `location` is an index into the matrix. */
export interface Job {
  id: number;
  location: number;
  /** Delivered quantity per load dimension (base units). */
  delivery: Amount;
  /** Service duration at the stop, seconds. */
  serviceS: number;
  /** Allowed service start windows (sorted, disjoint); empty = any time. */
  timeWindows: TimeWindow[];
  /** Skills a vehicle must all have to serve this job. */
  skills: number[];
  /** 0..100; higher-priority jobs are assigned first when not all fit (VROOM semantics). */
  priority: number;
}

/** A vehicle (one route at most). Start/end are matrix indices; absent = route starts/ends at its first/last job. */
export interface Vehicle {
  id: number;
  start?: number;
  end?: number;
  /** Capacity per load dimension, same length as job amounts. */
  capacity: Amount;
  /** Working shift; defaults to [0, +inf). */
  shift?: TimeWindow;
  skills: number[];
  /** Upper bound on the sum of travel durations of the route (service and waiting excluded), seconds. */
  maxTravelTimeS?: number;
  /** Cost paid once if the vehicle is used. */
  fixedCost?: number;
  /** Cost per second of travel (default 1 when no cost matrix is given). */
  costPerDurationS?: number;
  /** Cost per metre of travel (default 0), needs `matrix.distancesM`. */
  costPerDistanceM?: number;
}

/** Square matrices over locations, flattened row-major (from i to j at i*size+j) or as rows. */
export interface Matrix {
  size: number;
  durationsS: Int32Array | number[][];
  distancesM?: Int32Array | number[][];
  /** When given, the arc cost used by every vehicle (overrides per-duration/per-distance costs). */
  costs?: Int32Array | number[][];
}

/** A complete routing problem. */
export interface Problem {
  jobs: Job[];
  vehicles: Vehicle[];
  matrix: Matrix;
}

/** Why a job was left out of every route. */
export type UnassignedReason = "capacity" | "skills" | "time_window" | "max_travel_time" | "no_route";

/** One stop of a solved route. */
export interface Step {
  type: "start" | "job" | "end";
  /** Job id for job steps. */
  jobId?: number;
  location: number;
  /** Arrival time at the location, seconds. */
  arrivalS: number;
  /** Service start (after waiting), seconds. */
  serviceStartS: number;
  waitingS: number;
  /** Load on board when leaving this step, per dimension. */
  load: Amount;
  /** Cumulative travel distance (metres) and duration (seconds) when arriving. */
  distanceM: number;
  durationS: number;
}

/** One vehicle's route in a solution. */
export interface Route {
  vehicleId: number;
  steps: Step[];
  /** Total delivered amount (= load when leaving the start). */
  delivery: Amount;
  distanceM: number;
  /** Sum of travel durations, seconds. */
  travelS: number;
  /** End arrival minus start departure, seconds (travel + service + waiting). */
  durationS: number;
  serviceS: number;
  waitingS: number;
  cost: number;
}

/** Result of `solve`: routes plus the jobs that could not be served, with a reason. */
export interface Solution {
  routes: Route[];
  unassigned: { jobId: number; reason: UnassignedReason }[];
  /** Sum of route costs (arc costs + fixed costs). */
  cost: number;
  iterations: number;
  elapsedMs: number;
}

/** Options of `solve`. */
export interface SolveOptions {
  /** Wall-clock budget in milliseconds (default 1000). */
  deadlineMs?: number;
  seed?: number;
  /** When set, stop after this many iterations and make the run independent of the clock. */
  maxIterations?: number;
  /** Called on every new best solution. */
  onProgress?: (p: { cost: number; unassigned: number; iteration: number; elapsedMs: number }) => void;
  /** Advanced: search tuning (temperatures in average arcs, SISR ruin sizes); defaults are benchmark-tuned. */
  tuning?: Partial<{
    tStart: number;
    tEnd: number;
    softPenalty: number;
    cBar: number;
    lMax: number;
    blink: number;
    kInsert: number;
    /** Soft capacity during the search: true always, false never, unset when the fleet is tightly packed */
    capacityPenalty: boolean;
    /** Initial cost of one vehicle capacity of excess load, in average arcs */
    overloadStart: number;
  }>;
  /** Injected clock in ms (default performance.now / Date.now) — shared code reads no global clock otherwise. */
  now?: () => number;
}
