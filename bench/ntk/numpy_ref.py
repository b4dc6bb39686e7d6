# numpy reference timings for bench/ntk.bench.ts: prints one JSON line.
import json, sys, time
import numpy as np

def median_time(f, reps):
    f()
    ts = []
    for _ in range(reps):
        t = time.perf_counter(); f(); ts.append(time.perf_counter() - t)
    return sorted(ts)[len(ts) // 2] * 1000

def structured(N, d, width, depth, dtype):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((N, d)).astype(dtype)
    ws = [rng.standard_normal((n_in, n_out)).astype(dtype) for n_in, n_out in zip([d] + [width] * depth, [width] * depth + [1])]
    bs = [rng.standard_normal(n).astype(dtype) for n in [width] * depth + [1]]
    def run():
        post, pre = [x], []
        for l, (W, b) in enumerate(zip(ws, bs)):
            z = post[-1] @ W * (1.0 / np.sqrt(W.shape[0])) + 0.1 * b
            pre.append(z)
            if l < depth: post.append(np.maximum(z, 0))
        theta = (post[depth] @ post[depth].T) / width + 0.01
        delta = np.broadcast_to(ws[depth][:, 0] / np.sqrt(width), (N, width)) * (pre[depth - 1] > 0)
        for l in range(depth - 1, -1, -1):
            theta += (post[l] @ post[l].T / ws[l].shape[0] + 0.01) * (delta @ delta.T)
            if l > 0: delta = (delta @ ws[l].T / np.sqrt(ws[l].shape[0])) * (pre[l - 1] > 0)
        return theta
    return run

def analytic(N, d, depth):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((N, d))
    def run():
        s = x @ x.T / d + 0.01
        theta = s.copy()
        for _ in range(depth):
            q = np.sqrt(np.diag(s))
            r = np.outer(q, q)
            rho = np.clip(s / r, -1, 1)
            t = np.arccos(rho)
            s_new = r * (np.sqrt(1 - rho ** 2) + (np.pi - t) * rho) / (2 * np.pi) + 0.01
            theta = s_new + (np.pi - t) / (2 * np.pi) * theta
            s = s_new
        return theta
    return run

cfg = json.loads(sys.argv[1])
out = {"numpy": np.__version__, "python": sys.executable}
try:
    from numpy.__config__ import CONFIG  # numpy ≥ 1.26
    out["blas"] = CONFIG["Build Dependencies"]["blas"]["name"]
except Exception:
    import io, contextlib
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf): np.show_config()
    txt = buf.getvalue()
    out["blas"] = "openblas" if "openblas_info:\n    libraries" in txt else ("mkl" if "mkl_info:\n    libraries" in txt else "reference (libblas3)")
s = cfg["structured"]
out["structured_f64_ms"] = median_time(structured(s["N"], s["d"], s["width"], s["depth"], np.float64), cfg["reps"])
out["structured_f32_ms"] = median_time(structured(s["N"], s["d"], s["width"], s["depth"], np.float32), cfg["reps"])
a = cfg["analytic"]
out["analytic_ms"] = median_time(analytic(a["N"], a["d"], a["depth"]), cfg["reps"])
print(json.dumps(out))
