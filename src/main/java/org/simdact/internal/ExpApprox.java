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
 *   <li>Polynomial: exp(r) - 1 ~ r + r^2 (1/2 + c3 r + c4 r^2 + c5 r^3 + c6 r^4) on
 *       [-ln2/2, ln2/2], the bracket by Horner's rule with fused multiply-adds. With 1 and 1/2
 *       fixed, c3 to c6 come from a minimax fit of the absolute error (Lawson's iteration in
 *       double), each rounded to float before the next is refitted; the polynomial's error is
 *       below 2^-28, far below the rounding of the evaluation. Keeping exp(r) - 1 apart from the
 *       leading 1 lets the reconstruction add them with one rounding.
 *   <li>Reconstruction: shifting the bits of the biased sum left by 23 gives s = 2^(n + 32)
 *       exactly. e = s + s (exp(r) - 1) is one fused multiply-add. The extra 32 keeps s a normal
 *       float down to n = -150; the final multiplication by 2^-32 is exact for normal results and
 *       rounds once for subnormal ones, so they are correctly scaled rather than flushed.
 *   <li>Cutoff: below ln(2^-150) the true value rounds to zero; such arguments, -infinity
 *       included, give +0.0. NaN gives NaN (it is never selected by the cutoff comparison).
 * </ol>
 *
 * <p>The rounding error of step 3 is itself a float, s (exp(r) - 1) + s - e, and sigmoid uses it
 * to carry e to about 32 bits.
 *
 * <p>Measured over a sample of floats t in [-104, 0] (every 61st bit pattern), the result is
 * within 1.02 ulp of exp(t).
 */
public final class ExpApprox {

  private ExpApprox() {}

  public static final float LOG2E = 0x1.715476p0f;

  /** 1.5 * 2^23, plus the float exponent bias 127, plus the scale offset 32. */
  public static final float MAGIC_BIAS = 0x1.8p23f + 127 + 32;

  /** ln2 = LN2_HI + LN2_LO to about 48 bits. */
  public static final float LN2_HI = 0x1.62e430p-1f;

  public static final float LN2_LO = -0x1.05c610p-29f;

  public static final float C3 = 0x1.555492p-3f;
  public static final float C4 = 0x1.5554c0p-5f;
  public static final float C5 = 0x1.12398ep-7f;
  public static final float C6 = 0x1.6d7a52p-10f;

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

    float expm1r = expm1Reduced(r);

    float scale = twoToTheNPlus32(biased);
    float e = Math.fma(scale, expm1r, scale) * TWO_POW_MINUS_32;

    return t < CUTOFF ? 0f : e;
  }

  /** exp(r) - 1 for the reduced argument |r| &lt;= ln2 / 2. */
  public static float expm1Reduced(float r) {
    float p = Math.fma(C6, r, C5);
    p = Math.fma(p, r, C4);
    p = Math.fma(p, r, C3);
    p = Math.fma(p, r, 0.5f);
    return Math.fma(r * r, p, r);
  }

  /** 2^(n + 32) from the biased sum of step 1. */
  public static float twoToTheNPlus32(float biased) {
    return Float.intBitsToFloat(Float.floatToRawIntBits(biased) << 23);
  }
}
