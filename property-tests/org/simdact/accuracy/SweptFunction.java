package org.simdact.accuracy;

import java.util.List;
import org.simdact.internal.Kernels;
import org.simdact.oracle.Float64Oracle;

/**
 * One elementwise function as the accuracy sweep sees it: how to call its array kernel, its
 * float64 reference, and the bound the library documents for it. The list {@link #ALL} drives both
 * the full sweep and the sampled one in CI.
 *
 * @param name the function and its fixed arguments, as printed in the report
 * @param boundUlp the documented bound in ulp of the float64 reference; 0 means the result must be
 *     that reference rounded to float (the function is exact)
 * @param dy the upstream gradient of a backward function, the same for every input; 0 and unused
 *     for a forward function
 * @param kernel calls the function on a chunk of inputs
 * @param reference the float64 value the result is measured against
 * @param domainMin the smallest input the bound is documented for (NaN is always included)
 * @param domainMax the largest input the bound is documented for
 */
public record SweptFunction(
    String name, double boundUlp, float dy, ChunkKernel kernel, Reference reference,
    float domainMin, float domainMax) {

  /** Applies the function to {@code x[0, length)}; backward functions also read {@code dy}. */
  @FunctionalInterface
  public interface ChunkKernel {
    void apply(Kernels kernels, float[] x, float[] dy, float[] out, int length);
  }

  @FunctionalInterface
  public interface Reference {
    double at(float x);
  }

  public static final float LEAKY_SLOPE = 0.01f;

  public static final float STEP_THRESHOLD = 0f;

  /** A gradient with a full mantissa (pi / 4 rounded), so that dy * g is rounded in earnest. */
  public static final float ODD_DY = 0.7853982f;

  public static final List<SweptFunction> ALL =
      List.of(
          forward("sigmoid", 2, (k, x, dy, out, n) -> k.sigmoid(x, 0, out, 0, n),
              Float64Oracle::sigmoid),
          forward("tanh", 2, (k, x, dy, out, n) -> k.tanh(x, 0, out, 0, n),
              Float64Oracle::tanh),
          forward("relu", 0, (k, x, dy, out, n) -> k.relu(x, 0, out, 0, n),
              Float64Oracle::relu),
          forward("leakyRelu (slope 0.01)", 0,
              (k, x, dy, out, n) -> k.leakyRelu(LEAKY_SLOPE, x, 0, out, 0, n),
              x -> Float64Oracle.leakyRelu(LEAKY_SLOPE, x)),
          forward("step (threshold 0)", 0,
              (k, x, dy, out, n) -> k.step(STEP_THRESHOLD, x, 0, out, 0, n),
              x -> Float64Oracle.step(STEP_THRESHOLD, x)),
          sigmoidBackward(1f),
          sigmoidBackward(ODD_DY),
          tanhBackward(1f),
          tanhBackward(ODD_DY),
          reluBackward(1f),
          reluBackward(ODD_DY),
          leakyReluBackward(1f),
          leakyReluBackward(ODD_DY));

  private static SweptFunction forward(
      String name, double boundUlp, ChunkKernel kernel, Reference reference) {
    return new SweptFunction(name, boundUlp, 0f, kernel, reference,
        Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
  }

  private static SweptFunction sigmoidBackward(float dy) {
    return new SweptFunction(
        "sigmoidBackward (y, dy = " + dy + ")", 2, dy,
        (k, y, g, out, n) -> k.sigmoidBackward(y, 0, g, 0, out, 0, n),
        y -> Float64Oracle.sigmoidBackward(y, dy), 0f, 1f);
  }

  private static SweptFunction tanhBackward(float dy) {
    return new SweptFunction(
        "tanhBackward (y, dy = " + dy + ")", 2, dy,
        (k, y, g, out, n) -> k.tanhBackward(y, 0, g, 0, out, 0, n),
        y -> Float64Oracle.tanhBackward(y, dy), -1f, 1f);
  }

  // the oracle has no relu gradients; these follow the documented definitions directly

  private static SweptFunction reluBackward(float dy) {
    return new SweptFunction(
        "reluBackward (x, dy = " + dy + ")", 0, dy,
        (k, x, g, out, n) -> k.reluBackward(x, 0, g, 0, out, 0, n),
        x -> Float.isNaN(x) ? Double.NaN : (x > 0 ? dy : 0.0),
        Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
  }

  private static SweptFunction leakyReluBackward(float dy) {
    return new SweptFunction(
        "leakyReluBackward (x, slope 0.01, dy = " + dy + ")", 0, dy,
        (k, x, g, out, n) -> k.leakyReluBackward(LEAKY_SLOPE, x, 0, g, 0, out, 0, n),
        x -> Float.isNaN(x) ? Double.NaN : (x > 0 ? dy : (double) LEAKY_SLOPE * dy),
        Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
  }

  public boolean exact() {
    return boundUlp == 0;
  }

  public boolean backward() {
    return dy != 0f;
  }

  /**
   * Whether the documented bound covers this input. The gradients of sigmoid and tanh are stated
   * for outputs those functions can produce; beyond them, y (1 - y) or 1 - y^2 may overflow
   * before dy scales it down.
   */
  public boolean inDomain(float x) {
    return Float.isNaN(x) || (x >= domainMin && x <= domainMax);
  }

  public String boundText() {
    String bound = exact() ? "exact" : "<= " + (int) boundUlp + " ulp";
    boolean everywhere =
        domainMin == Float.NEGATIVE_INFINITY && domainMax == Float.POSITIVE_INFINITY;
    return everywhere ? bound : bound + " for y in [" + domainMin + ", " + domainMax + "]";
  }
}
