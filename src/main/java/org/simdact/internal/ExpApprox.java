package org.simdact.internal;

/**
 * The exponential that sigmoid, tanh and softmax are built on, with its constants, in the scalar
 * form. The vector kernels use the same constants and perform the same operations in the same
 * order, so both give the same bits for every input.
 *
 * <h2>exp(t) for t &lt;= 0</h2>
 *
 * <p>Every caller needs the exponential of a non-positive argument only (sigmoid and tanh reduce
 * to exp(-|x|) and exp(-2|x|), softmax to exp(x - max)), so the result lies in [0, 1] and never
 * overflows.
 *
 * <ol>
 *   <li>Range reduction: t = n ln2 + r with n = round(t / ln2) and |r| &lt;= ln2 / 2. The rounding
 *       is a single fused multiply-add with a magic bias, 1.5 * 2^23 + 127 + 32: adding it to
 *       t * log2(e) pushes the fraction out of the float, so the sum holds n in its low mantissa
 *       bits, already offset by the exponent bias. r = t - n ln2 is computed with ln2 split in two
 *       floats (Cody and Waite), each subtraction a fused multiply-add.
 *   <li>Polynomial: exp(r) ~ 1 + r + r^2/2 + c3 r^3 + c4 r^4 + c5 r^5 + c6 r^6 on [-ln2/2, ln2/2],
 *       evaluated by Horner's rule with fused multiply-adds. c1 = 1 and c2 = 1/2 are exact; c3 to
 *       c6 come from a minimax fit of the absolute error (Lawson's iteration in double), rounded
 *       to float. The fit's error is below 2^-28, far below the rounding of the evaluation.
 *   <li>Reconstruction: shifting the bits of the biased sum left by 23 gives the float 2^(n + 32)
 *       exactly. The extra 32 keeps that power of two a normal float down to n = -150; the
 *       product p * 2^(n + 32) is exact, and the final multiplication by 2^-32 rounds once, so
 *       subnormal results are correctly scaled rather than flushed.
 *   <li>Cutoff: below ln(2^-150) the true value rounds to zero; such arguments, -infinity
 *       included, give +0.0. NaN gives NaN (it is never selected by the cutoff comparison).
 * </ol>
 *
 * <p>Measured over every float t in [-104, 0], the result is within 1 ulp of exp(t) rounded from
 * double.
 */
public final class ExpApprox {

  private ExpApprox() {}

  public static final float LOG2E = 0x1.715476p0f;

  /** 1.5 * 2^23, plus the float exponent bias 127, plus the scale offset 32. */
  public static final float MAGIC_BIAS = 0x1.8p23f + 127 + 32;

  /** ln2 = LN2_HI + LN2_LO to about 48 bits. */
  public static final float LN2_HI = 0x1.62e430p-1f;

  public static final float LN2_LO = -0x1.05c610p-29f;

  public static final float C3 = 0x1.555406p-3f;
  public static final float C4 = 0x1.555432p-5f;
  public static final float C5 = 0x1.126ed2p-7f;
  public static final float C6 = 0x1.6dcf16p-10f;

  /** Undoes the offset of 32 that keeps the reconstructed power of two normal. */
  public static final float TWO_POW_MINUS_32 = 0x1p-32f;

  /** ln(2^-150): below this, exp rounds to zero. */
  public static final float CUTOFF = -0x1.9fe368p6f;

  /**
   * exp(t) for t &lt;= 0 or NaN, as described in the class comment. Positive arguments are
   * outside the contract.
   */
  public static float expNonPositive(float t) {
    float biased = Math.fma(t, LOG2E, MAGIC_BIAS);
    float n = biased - MAGIC_BIAS;

    float r = Math.fma(n, -LN2_HI, t);
    r = Math.fma(n, -LN2_LO, r);

    float p = Math.fma(C6, r, C5);
    p = Math.fma(p, r, C4);
    p = Math.fma(p, r, C3);
    p = Math.fma(p, r, 0.5f);
    p = Math.fma(p, r, 1f);
    p = Math.fma(p, r, 1f);

    float scale = Float.intBitsToFloat(Float.floatToRawIntBits(biased) << 23);
    float e = p * scale * TWO_POW_MINUS_32;

    return t < CUTOFF ? 0f : e;
  }
}
