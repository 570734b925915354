package org.simdact.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.simdact.Activations;
import org.simdact.internal.ScalarKernels;

/**
 * Hypothesis: dx = dy * y(1 - y) is two multiplies and an fma per element over three arrays, so
 * it is memory-bound outside L1: the library, the plain loop (which C2 vectorizes) and the Vector
 * API loop all meet the two-loads-one-store roof.
 */
public class SigmoidBackwardBench extends BinaryKernelBench {

  /** y is a real sigmoid output in [0, 1]. */
  @Override
  protected float[] forwardValue(float[] uniform) {
    float[] y = new float[uniform.length];
    ScalarKernels.INSTANCE.sigmoid(uniform, 0, y, 0, uniform.length);
    return y;
  }

  @Benchmark
  public float[] simdact() {
    Activations.sigmoidBackward(a, dy, dx);
    return dx;
  }

  @Benchmark
  public float[] scalarKernels() {
    ScalarKernels.INSTANCE.sigmoidBackward(a, 0, dy, 0, dx, 0, size);
    return dx;
  }

  @Benchmark
  public float[] plainJava() {
    PlainJavaLoops.sigmoidBackward(a, dy, dx);
    return dx;
  }

  @Benchmark
  public float[] vectorApi() {
    VectorApiLoops.sigmoidBackward(a, dy, dx);
    return dx;
  }
}
