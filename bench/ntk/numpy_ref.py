# numpy reference timings for bench/ntk.bench.ts and bench/browser.bench.ts: the same workloads, in the dtype the library uses
# for each, timed in the same run. Prints one JSON line: {"numpy", "python", "blas", "core", "ms": {…}}.
#
# Honest dtypes: under NumPy 2's promotion rules (NEP 50) a numpy float64 scalar such as np.sqrt(n)
# turns a float32 array into float64, so every scale here is a Python float (a "weak" scalar that keeps
# the array's dtype), and every array a workload makes is checked against the dtype it must have.
import ctypes, glob, json, math, os, sys, time
import numpy as np

# tfjs's erf (Abramowitz–Stegun 7.1.26), so both sides do the same elementwise work.
ERF_P = 0.3275911
ERF_A = (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429)


def erf(z):
    s = np.sign(z)
    a = np.abs(z)
    t = 1.0 / (1.0 + ERF_P * a)
    poly = ((((ERF_A[4] * t + ERF_A[3]) * t + ERF_A[2]) * t + ERF_A[1]) * t + ERF_A[0]) * t
    return s * (1.0 - poly * np.exp(-a * a))


def erf_prime(z):
    return (2.0 / math.sqrt(math.pi)) * np.exp(-z * z)


def relu(z):
    return np.maximum(z, 0.0)


def relu_prime(z):
    return (z > 0).astype(z.dtype)


ACT = {"relu": (relu, relu_prime), "erf": (erf, erf_prime)}


def median_ms(f, reps):
    f()
    ts = []
    for _ in range(reps):
        t = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t)
    return sorted(ts)[len(ts) // 2] * 1000


def expect(dtype, *arrays):
    for a in arrays:
        assert a.dtype == dtype, f"numpy_ref: a {dtype.__name__} workload made a {a.dtype} array of shape {a.shape}"


def net(w, dtype, batch=()):
    """Input, targets, weights W^l [*batch, n_in, n_out] and biases b^l [*batch, 1, n_out] of an MLP."""
    rng = np.random.default_rng(0)
    widths = [w["d"]] + [w["width"]] * w["depth"] + [1]
    x = rng.standard_normal((w["N"], w["d"])).astype(dtype)
    y = rng.standard_normal((w["N"], 1)).astype(dtype)
    ws = [rng.standard_normal(batch + (i, o)).astype(dtype) for i, o in zip(widths, widths[1:])]
    bs = [rng.standard_normal(batch + (1, o)).astype(dtype) for o in widths[1:]]
    expect(dtype, x, y, *ws, *bs)
    return x, y, ws, bs


W_STD, B_STD, ETA = 1.0, 0.1, 1e-3


def train_step(w, dtype, batch=()):
    """One full-batch gradient step on 1/(2N)·Σ(f − y)², backpropagation written out (K networks at once with batch=(K,))."""
    x, y, ws, bs = net(w, dtype, batch)
    phi, dphi = ACT[w["activation"]]
    N = w["N"]

    def run():
        post, pre = [x], []
        for l, (W, b) in enumerate(zip(ws, bs)):
            z = (W_STD / math.sqrt(W.shape[-2])) * (post[-1] @ W) + B_STD * b  # z = wStd/√n·a·W + bStd·b
            pre.append(z)
            if l < len(ws) - 1:
                post.append(phi(z))
        dz = (pre[-1] - y) / N  # ∂L/∂f
        for l in range(len(ws) - 1, -1, -1):
            c = W_STD / math.sqrt(ws[l].shape[-2])
            dW = c * (np.swapaxes(post[l], -1, -2) @ dz)
            db = B_STD * dz.sum(axis=-2, keepdims=True)
            if l > 0:
                dz = (c * (dz @ np.swapaxes(ws[l], -1, -2))) * dphi(pre[l - 1])
            expect(dtype, dW, db, dz)
            ws[l] -= ETA * dW
            bs[l] -= ETA * db
        expect(dtype, *pre, *post, *ws, *bs)

    return run


def structured_ntk(w, dtype):
    """Θ = Σ_l (wStd²/n_{l−1}·a·a′ + bStd²)·(δ·δ′), ReLU, as src/ntk/empirical.ts computes it."""
    x, _, ws, bs = net(w, dtype)
    depth = w["depth"]

    def run():
        post, pre = [x], []
        for l, (W, b) in enumerate(zip(ws, bs)):
            z = (W_STD / math.sqrt(W.shape[0])) * (post[-1] @ W) + B_STD * b
            pre.append(z)
            if l < depth:
                post.append(relu(z))
        theta = (W_STD**2 / w["width"]) * (post[depth] @ post[depth].T) + B_STD**2
        delta = (W_STD / math.sqrt(w["width"])) * ws[depth][:, 0] * relu_prime(pre[depth - 1])
        for l in range(depth - 1, -1, -1):
            theta += ((W_STD**2 / ws[l].shape[0]) * (post[l] @ post[l].T) + B_STD**2) * (delta @ delta.T)
            if l > 0:
                delta = ((W_STD / math.sqrt(ws[l].shape[0])) * (delta @ ws[l].T)) * relu_prime(pre[l - 1])
        expect(dtype, theta, delta, *pre, *post)

    return run


def analytic(w):
    """Infinite-width NNGP and NTK of a ReLU net, vectorized over the whole N×N matrix (float64)."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((w["N"], w["d"]))
    w2, b2 = W_STD**2, B_STD**2

    def run():
        s = w2 * (x @ x.T) / w["d"] + b2
        theta = s.copy()
        for _ in range(w["depth"]):
            q = np.sqrt(np.diag(s))
            r = np.outer(q, q)
            rho = np.clip(s / r, -1, 1)
            t = np.arccos(rho)
            s_new = w2 * r * (np.sqrt(1 - rho**2) + (np.pi - t) * rho) / (2 * np.pi) + b2
            theta = s_new + w2 * (np.pi - t) / (2 * np.pi) * theta
            s = s_new
        expect(np.float64, s, theta)

    return run


def matmul(w, dtype):
    rng = np.random.default_rng(0)
    a = rng.standard_normal((w["n"], w["n"])).astype(dtype)
    b = rng.standard_normal((w["n"], w["n"])).astype(dtype)

    def run():
        expect(dtype, a @ b)

    return run


def openblas_core():
    """The OpenBLAS kernel numpy's bundled library picked at run time (e.g. Haswell, SkylakeX), if it says."""
    for lib in glob.glob(os.path.join(os.path.dirname(np.__file__), os.pardir, "numpy.libs", "*openblas*.so*")):
        so = ctypes.CDLL(lib)
        for name in ("scipy_openblas_get_corename64_", "scipy_openblas_get_corename", "openblas_get_corename64_", "openblas_get_corename"):
            if hasattr(so, name):
                fn = getattr(so, name)
                fn.restype = ctypes.c_char_p
                return fn().decode()
    return "unknown"


def check_blas():
    """A BLAS kernel that computes wrong results must not be timed: compare a product with float64 sums."""
    rng = np.random.default_rng(1)
    a, b = rng.standard_normal((97, 131)), rng.standard_normal((131, 89))
    exact = np.einsum("ik,kj->ij", a, b)
    for dtype, tol in ((np.float64, 1e-12), (np.float32, 1e-4)):
        got = a.astype(dtype) @ b.astype(dtype)
        err = np.abs(got - exact).max() / np.abs(exact).max()
        assert err < tol, f"numpy_ref: {dtype.__name__} matmul is wrong on this BLAS kernel (relative error {err:.2e})"


WORKLOADS = {
    "matmul": lambda w: matmul(w, np.float32),
    "train_step": lambda w: train_step(w, np.float32),
    "ensemble_step": lambda w: train_step(w, np.float32, (w["K"],)),
    "ntk_f32": lambda w: structured_ntk(w, np.float32),
    "ntk_f64": lambda w: structured_ntk(w, np.float64),
    "analytic": analytic,
}

cfg = json.loads(sys.argv[1])
check_blas()
out = {"numpy": np.__version__, "python": sys.executable, "core": openblas_core(), "ms": {}}
try:
    from numpy.__config__ import CONFIG  # numpy ≥ 1.26

    out["blas"] = CONFIG["Build Dependencies"]["blas"]["name"]
except Exception:
    out["blas"] = "unknown"
for item in cfg["workloads"]:
    out["ms"][item["id"]] = median_ms(WORKLOADS[item["kind"]](item), cfg["reps"])
print(json.dumps(out))
