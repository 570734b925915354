package org.simdact.internal;

/**
 * Constants of tanh, shared by the scalar and vector kernels.
 *
 * <h2>tanh(x)</h2>
 *
 * <p>tanh is odd, so both kernels work on z = |x| and copy the sign of x onto the result at the
 * end (this keeps tanh(-0.0) = -0.0).
 *
 * <ul>
 *   <li>For z &lt; 0.55: tanh(z) = z + z^3 P(z^2), with P of degree 4 in z^2 (terms z^3 to z^11).
 *       Its coefficients come from a minimax fit of the absolute error (Lawson's iteration in
 *       double) on [0, 0.55], rounded to float; the fit's relative error is below 2^-30. Near
 *       zero the formula (1 - e) / (1 + e) below would cancel; the polynomial does not, and for
 *       subnormal z it returns z exactly because z^2 underflows to zero.
 *   <li>For z &gt;= 0.55: tanh(z) = (1 - e) / (1 + e) with e = exp(-2z) &lt;= exp(-1.1) &lt; 1/3.
 *       1 - e then lies in [2/3, 1), so the subtraction loses no relative accuracy. From
 *       z = 8.66434 up the quotient rounds to 1; for infinite z, e is 0 and the result is 1.
 *   <li>NaN fails the comparison z &lt; 0.55 and flows through the exponential branch as NaN.
 * </ul>
 *
 * <p>Measured over every float: within 1.52 ulp of tanh(x).
 */
public final class TanhApprox {

  private TanhApprox() {}

  /** Below this |x|, the odd polynomial is used. */
  public static final float SMALL = 0.55f;

  public static final float P3 = -0x1.555544p-2f;
  public static final float P5 = 0x1.110bb6p-3f;
  public static final float P7 = -0x1.b8f576p-5f;
  public static final float P9 = 0x1.57cc16p-6f;
  public static final float P11 = -0x1.93d882p-8f;
}
