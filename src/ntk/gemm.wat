;; C = A·Bᵀ in float64 with WebAssembly SIMD (f64x2): the product every float64 path of the library runs
;; through (src/ntk/mat.ts, matMulABt: empirical NTK, Taylor terms, forward passes). Compiled to
;; src/ntk/gemm-wasm.ts by `npm run wasm` (wabt); a unit test checks the two agree.
;;
;; A [M, K], B [N, K], C [M, N]: row-major float64 at byte offsets a, b, c of the exported memory. The caller
;; pads M to a multiple of 4, N to a multiple of 2 and K to a multiple of 2 with zeros, zeroes C, and calls
;; gemmBlock once per block of B: 64 of its rows by 256 of its columns (128 KB, a core's L2), which every
;; 4-row strip of A then sweeps. (The loop over blocks is the caller's so that the engine's optimised code
;; takes over from the second block on: a WebAssembly function that is running never switches tier, and its
;; baseline code runs this loop at a sixth of the speed.) Inside, a 4×2 tile of C is eight f64x2
;; accumulators, each lane summing every other k, added into C once per block. Every result is a sum of
;; exact IEEE products and sums (no fused multiply-add), so it is the same on every machine.
(module
  (memory (export "memory") 1)
  ;; One block: C[:, j0 … j1−1] += A[:, k0 … k0+kLen−1]·B[j0 … j1−1, k0 … k0+kLen−1]ᵀ (j0, j1, k0, kLen even).
  (func (export "gemmBlock") (param $a i32) (param $b i32) (param $c i32) (param $M i32) (param $N i32) (param $K i32)
    (param $j0 i32) (param $j1 i32) (param $k0 i32) (param $kLen i32)
    (local $i i32) (local $j i32)
    (local $rowA i32) (local $ldc i32) (local $pa i32) (local $pb i32) (local $end i32) (local $pc i32)
    (local $o1 i32) (local $o2 i32) (local $o3 i32)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128) (local $y0 v128) (local $y1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128) (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $rowA (i32.shl (local.get $K) (i32.const 3)))
    ;; $o1…$o3: byte offsets of the next three rows of A (and the next row of B): K·8·r
    (local.set $o1 (local.get $rowA))
    (local.set $o2 (i32.mul (local.get $rowA) (i32.const 2)))
    (local.set $o3 (i32.mul (local.get $rowA) (i32.const 3)))
    (local.set $ldc (i32.shl (local.get $N) (i32.const 3)))
    (local.set $i (i32.const 0))
    (loop $Li
      (local.set $j (local.get $j0))
      (loop $Lj
        ;; the 4×2 tile C[i…i+3, j…j+1], over columns kk … kk + kLen − 1
        (local.set $c00 (v128.const i64x2 0 0))
        (local.set $c01 (v128.const i64x2 0 0))
        (local.set $c10 (v128.const i64x2 0 0))
        (local.set $c11 (v128.const i64x2 0 0))
        (local.set $c20 (v128.const i64x2 0 0))
        (local.set $c21 (v128.const i64x2 0 0))
        (local.set $c30 (v128.const i64x2 0 0))
        (local.set $c31 (v128.const i64x2 0 0))
        (local.set $pa (i32.add (local.get $a) (i32.add (i32.mul (local.get $i) (local.get $rowA)) (i32.shl (local.get $k0) (i32.const 3)))))
        (local.set $pb (i32.add (local.get $b) (i32.add (i32.mul (local.get $j) (local.get $rowA)) (i32.shl (local.get $k0) (i32.const 3)))))
        (local.set $end (i32.add (local.get $pa) (i32.shl (local.get $kLen) (i32.const 3))))
        (loop $Lk ;; two columns of k per pass: one f64x2 load per row of A and of B
          (local.set $y0 (v128.load (local.get $pb)))
          (local.set $y1 (v128.load (i32.add (local.get $pb) (local.get $o1))))
          (local.set $x0 (v128.load (local.get $pa)))
          (local.set $x1 (v128.load (i32.add (local.get $pa) (local.get $o1))))
          (local.set $x2 (v128.load (i32.add (local.get $pa) (local.get $o2))))
          (local.set $x3 (v128.load (i32.add (local.get $pa) (local.get $o3))))
          (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $x0) (local.get $y0))))
          (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $x0) (local.get $y1))))
          (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $x1) (local.get $y0))))
          (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $x1) (local.get $y1))))
          (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $x2) (local.get $y0))))
          (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $x2) (local.get $y1))))
          (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $x3) (local.get $y0))))
          (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $x3) (local.get $y1))))
          (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
          (local.set $pb (i32.add (local.get $pb) (i32.const 16)))
          (br_if $Lk (i32.lt_u (local.get $pa) (local.get $end))))
        (local.set $pc (i32.add (local.get $c) (i32.add (i32.mul (local.get $i) (local.get $ldc)) (i32.shl (local.get $j) (i32.const 3)))))
        (f64.store (i32.add (local.get $pc) (i32.const 0)) (f64.add (f64.load (i32.add (local.get $pc) (i32.const 0))) (f64.add (f64x2.extract_lane 0 (local.get $c00)) (f64x2.extract_lane 1 (local.get $c00)))))
        (f64.store (i32.add (local.get $pc) (i32.const 8)) (f64.add (f64.load (i32.add (local.get $pc) (i32.const 8))) (f64.add (f64x2.extract_lane 0 (local.get $c01)) (f64x2.extract_lane 1 (local.get $c01)))))
        (local.set $pc (i32.add (local.get $pc) (local.get $ldc)))
        (f64.store (i32.add (local.get $pc) (i32.const 0)) (f64.add (f64.load (i32.add (local.get $pc) (i32.const 0))) (f64.add (f64x2.extract_lane 0 (local.get $c10)) (f64x2.extract_lane 1 (local.get $c10)))))
        (f64.store (i32.add (local.get $pc) (i32.const 8)) (f64.add (f64.load (i32.add (local.get $pc) (i32.const 8))) (f64.add (f64x2.extract_lane 0 (local.get $c11)) (f64x2.extract_lane 1 (local.get $c11)))))
        (local.set $pc (i32.add (local.get $pc) (local.get $ldc)))
        (f64.store (i32.add (local.get $pc) (i32.const 0)) (f64.add (f64.load (i32.add (local.get $pc) (i32.const 0))) (f64.add (f64x2.extract_lane 0 (local.get $c20)) (f64x2.extract_lane 1 (local.get $c20)))))
        (f64.store (i32.add (local.get $pc) (i32.const 8)) (f64.add (f64.load (i32.add (local.get $pc) (i32.const 8))) (f64.add (f64x2.extract_lane 0 (local.get $c21)) (f64x2.extract_lane 1 (local.get $c21)))))
        (local.set $pc (i32.add (local.get $pc) (local.get $ldc)))
        (f64.store (i32.add (local.get $pc) (i32.const 0)) (f64.add (f64.load (i32.add (local.get $pc) (i32.const 0))) (f64.add (f64x2.extract_lane 0 (local.get $c30)) (f64x2.extract_lane 1 (local.get $c30)))))
        (f64.store (i32.add (local.get $pc) (i32.const 8)) (f64.add (f64.load (i32.add (local.get $pc) (i32.const 8))) (f64.add (f64x2.extract_lane 0 (local.get $c31)) (f64x2.extract_lane 1 (local.get $c31)))))
        (local.set $pc (i32.add (local.get $pc) (local.get $ldc)))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br_if $Lj (i32.lt_u (local.get $j) (local.get $j1))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br_if $Li (i32.lt_u (local.get $i) (local.get $M))))))
