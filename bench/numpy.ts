// Runs bench/ntk/numpy_ref.py on the workloads' numpy twins and returns its medians (ms per call).
// OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are unset for this one command: machines here set them for old
// OpenBLAS builds, and they hold a current numpy to an older, slower kernel (Haswell instead of
// SkylakeX: 2× on float32 matMul on the 2-core dev box). The script checks its BLAS's products before
// timing anything, and reports the kernel it ran.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Workload } from "./workloads.ts";

export type NumpyResult = { ok: true; ms: Record<string, number>; about: string } | { ok: false; why: string };

export function numpyTimes(workloads: readonly Workload[], reps: number): NumpyResult {
  const twins = [...new Map(workloads.map((w) => [w.numpy.id, w.numpy])).values()];
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const script = fileURLToPath(new URL("./ntk/numpy_ref.py", import.meta.url));
  const py = spawnSync("python3", [script, JSON.stringify({ workloads: twins, reps })], { encoding: "utf8", env });
  if (py.status !== 0) return { ok: false, why: py.error?.message ?? py.stderr.trim().split("\n").slice(-1)[0] ?? `exit ${py.status}` };
  const out = JSON.parse(py.stdout.trim().split("\n").pop() ?? "{}") as { numpy: string; blas: string; core: string; ms: Record<string, number> };
  return { ok: true, ms: out.ms, about: `numpy ${out.numpy}, BLAS ${out.blas} (kernel ${out.core}), both cores` };
}
