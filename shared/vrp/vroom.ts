import { z } from "zod";
import type { Job, Problem, Solution, Vehicle } from "./model";

/**
 * VROOM JSON input (the subset Fura uses) and output. Unknown fields are
 * ignored; invalid ones are rejected with their JSON path and a reason.
 */

const int = z.number().int();
const nonNeg = int.nonnegative();
/** Matrices, amounts and capacities are compiled into Int32Arrays (instance.ts): a larger value would wrap around. */
const INT32_MAX = 2 ** 31 - 1;
const int32 = nonNeg.max(INT32_MAX, "must be at most 2,147,483,647 (32-bit integer)");
const matrixRows = z.array(z.array(int32));
const window = z.tuple([int, int]).refine(([a, b]) => b >= a, { message: "time window end before start" });
const amount = z.array(
  int.nonnegative({ message: "amounts must be non-negative" }).max(INT32_MAX, "must be at most 2,147,483,647"),
);

const JobSchema = z.object({
  id: int,
  location_index: nonNeg,
  delivery: amount.optional(),
  service: nonNeg.optional(),
  time_windows: z.array(window).optional(),
  skills: z.array(nonNeg).optional(),
  priority: int.min(0).max(100).optional(),
});

const VehicleSchema = z.object({
  id: int,
  start_index: nonNeg.optional(),
  end_index: nonNeg.optional(),
  capacity: amount.optional(),
  time_window: window.optional(),
  skills: z.array(nonNeg).optional(),
  max_travel_time: nonNeg.optional(),
  costs: z.object({ fixed: nonNeg.optional(), per_hour: nonNeg.optional() }).optional(),
});

/** Zod schema of the accepted VROOM input, with cross-field checks (matrix indices, dimensions, ids). */
export const VroomInputSchema = z
  .object({
    jobs: z.array(JobSchema),
    vehicles: z.array(VehicleSchema).min(1),
    matrices: z.object({
      car: z.object({ durations: matrixRows, costs: matrixRows.optional(), distances: matrixRows.optional() }),
    }),
  })
  .superRefine((inp, ctx) => {
    const car = inp.matrices.car;
    const n = car.durations.length;
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    for (const key of ["durations", "costs", "distances"] as const) {
      car[key]?.forEach((row, i) => {
        if (row.length !== n)
          issue(["matrices", "car", key, i], `row has ${row.length} entries, expected ${n} (square matrix)`);
      });
      if (car[key] && car[key].length !== n)
        issue(["matrices", "car", key], `has ${car[key].length} rows, expected ${n}`);
    }
    const dims = inp.vehicles[0]?.capacity?.length ?? inp.jobs[0]?.delivery?.length ?? 0;
    const ids = new Set<number>();
    inp.jobs.forEach((j, i) => {
      if (j.location_index >= n)
        issue(["jobs", i, "location_index"], `index ${j.location_index} out of matrix (size ${n})`);
      if ((j.delivery?.length ?? dims) !== dims)
        issue(["jobs", i, "delivery"], `has ${j.delivery!.length} dimensions, expected ${dims}`);
      if (ids.has(j.id)) issue(["jobs", i, "id"], `duplicate job id ${j.id}`);
      ids.add(j.id);
    });
    const vids = new Set<number>();
    inp.vehicles.forEach((v, i) => {
      for (const key of ["start_index", "end_index"] as const) {
        const x = v[key];
        if (x !== undefined && x >= n) issue(["vehicles", i, key], `index ${x} out of matrix (size ${n})`);
      }
      if ((v.capacity?.length ?? dims) !== dims)
        issue(["vehicles", i, "capacity"], `has ${v.capacity!.length} dimensions, expected ${dims}`);
      if (vids.has(v.id)) issue(["vehicles", i, "id"], `duplicate vehicle id ${v.id}`);
      vids.add(v.id);
    });
  });

/** Parsed VROOM input. */
export type VroomInput = z.infer<typeof VroomInputSchema>;

/** One rejected field: JSON path (e.g. "jobs.3.location_index") and reason. */
export interface InputError {
  path: string;
  message: string;
}

/** Parse VROOM JSON into a Problem, or list every invalid field with its path. */
export function parseVroom(input: unknown): { ok: true; problem: Problem } | { ok: false; errors: InputError[] } {
  const r = VroomInputSchema.safeParse(input);
  if (!r.success) {
    return { ok: false, errors: r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) };
  }
  return { ok: true, problem: vroomToProblem(r.data) };
}

/** Converts already-validated VROOM input (VroomInputSchema) into the solver's Problem. */
export function vroomToProblem(inp: VroomInput): Problem {
  const dims = inp.vehicles[0]?.capacity?.length ?? inp.jobs[0]?.delivery?.length ?? 0;
  const zeros = () => new Array<number>(dims).fill(0);
  const jobs: Job[] = inp.jobs.map((j) => ({
    id: j.id,
    location: j.location_index,
    delivery: j.delivery ?? zeros(),
    serviceS: j.service ?? 0,
    timeWindows: (j.time_windows ?? []).map(([startS, endS]) => ({ startS, endS })),
    skills: j.skills ?? [],
    priority: j.priority ?? 0,
  }));
  const vehicles: Vehicle[] = inp.vehicles.map((v) => ({
    id: v.id,
    ...(v.start_index === undefined ? {} : { start: v.start_index }),
    ...(v.end_index === undefined ? {} : { end: v.end_index }),
    capacity: v.capacity ?? new Array<number>(dims).fill(2147483647),
    ...(v.time_window ? { shift: { startS: v.time_window[0], endS: v.time_window[1] } } : {}),
    skills: v.skills ?? [],
    ...(v.max_travel_time === undefined ? {} : { maxTravelTimeS: v.max_travel_time }),
    fixedCost: v.costs?.fixed ?? 0,
    costPerDurationS: (v.costs?.per_hour ?? 3600) / 3600,
  }));
  const car = inp.matrices.car;
  const size = car.durations.length;
  return {
    jobs,
    vehicles,
    matrix: {
      size,
      durationsS: car.durations,
      ...(car.costs ? { costs: car.costs } : {}),
      ...(car.distances ? { distancesM: car.distances } : {}),
    },
  };
}

/** VROOM's output shape for a solution (code 0). */
export function toVroomOutput(problem: Problem, sol: Solution) {
  const jobs = new Map(problem.jobs.map((j) => [j.id, j]));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const routes = sol.routes.map((r) => ({
    vehicle: r.vehicleId,
    cost: r.cost,
    delivery: r.delivery,
    service: r.serviceS,
    duration: r.travelS,
    waiting_time: r.waitingS,
    distance: r.distanceM,
    steps: r.steps.map((s) => ({
      type: s.type,
      ...(s.jobId === undefined ? {} : { id: s.jobId }),
      location_index: s.location,
      arrival: s.arrivalS,
      duration: s.durationS,
      service: s.type === "job" ? jobs.get(s.jobId!)!.serviceS : 0,
      waiting_time: s.waitingS,
      load: s.load,
      distance: s.distanceM,
    })),
  }));
  return {
    code: 0,
    summary: {
      cost: sol.cost,
      routes: routes.length,
      unassigned: sol.unassigned.length,
      service: sum(sol.routes.map((r) => r.serviceS)),
      duration: sum(sol.routes.map((r) => r.travelS)),
      waiting_time: sum(sol.routes.map((r) => r.waitingS)),
      distance: sum(sol.routes.map((r) => r.distanceM)),
    },
    unassigned: sol.unassigned.map((u) => ({
      id: u.jobId,
      type: "job",
      location_index: jobs.get(u.jobId)!.location,
      reason: u.reason,
    })),
    routes,
  };
}
