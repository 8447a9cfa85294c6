/**
 * Solve a VROOM-JSON problem from the command line and print VROOM-shaped JSON.
 *
 *   node --import tsx scripts/solve.ts problem.json [--deadline-ms N] [--seed S]
 *
 * Invalid input: prints { code: 2, error, errors: [{ path, message }] } and exits 2.
 */
import { readFileSync } from "node:fs";
import { solve } from "../shared/vrp/solve";
import { parseVroom, toVroomOutput } from "../shared/vrp/vroom";

/** Value following a --flag, if any. */
function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Entry point. */
function main(): void {
  const args = process.argv.slice(2);
  const file = args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
  if (!file) {
    console.error("usage: node --import tsx scripts/solve.ts problem.json [--deadline-ms N] [--seed S]");
    process.exit(64);
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    console.log(JSON.stringify({ code: 2, error: `cannot read JSON: ${(e as Error).message}` }));
    process.exit(2);
  }
  const parsed = parseVroom(json);
  if (!parsed.ok) {
    console.log(JSON.stringify({ code: 2, error: "invalid input", errors: parsed.errors }, null, 2));
    process.exit(2);
  }
  const sol = solve(parsed.problem, {
    deadlineMs: Number(flag(args, "deadline-ms") ?? 1000),
    seed: Number(flag(args, "seed") ?? 1),
  });
  console.log(JSON.stringify(toVroomOutput(parsed.problem, sol), null, 2));
}

main();
