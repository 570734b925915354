package org.simdact.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.simdact.Activations;
import org.simdact.internal.ScalarKernels;

/**
 * Hypothesis: dx = dy * (1 - y^2) is memory-bound like the sigmoid gradient: every vectorized
 * version meets the two-loads-one-store roof outside L1.
 */
public class TanhBackwardBench extends BinaryKernelBench {

  /** y is a real tanh output in [-1, 1]. */
  @Override
  protected float[] forwardValue(float[] uniform) {
    float[] y = new float[uniform.length];
    ScalarKernels.INSTANCE.tanh(uniform, 0, y, 0, uniform.length);
    return y;
  }

  @Benchmark
  public float[] simdact() {
    Activations.tanhBackward(a, dy, dx);
    return dx;
  }

  @Benchmark
  public float[] scalarKernels() {
    ScalarKernels.INSTANCE.tanhBackward(a, 0, dy, 0, dx, 0, size);
    return dx;
  }

  @Benchmark
  public float[] plainJava() {
    PlainJavaLoops.tanhBackward(a, dy, dx);
    return dx;
  }

  @Benchmark
  public float[] vectorApi() {
    VectorApiLoops.tanhBackward(a, dy, dx);
    return dx;
  }
}
