package org.simdact.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.simdact.Activations;
import org.simdact.internal.ScalarKernels;

/**
 * Hypothesis: the softmax gradient reads y and dy twice (a dot product, then the elementwise
 * step); the library compensates the dot product, which costs a few extra adds per element, so it
 * may trail the plain Vector API loop in L1 but should match it once memory dominates, at about
 * half the two-loads-one-store roof.
 */
public class SoftmaxBackwardBench extends BinaryKernelBench {

  /** y is a real softmax row: positive, summing to 1. */
  @Override
  protected float[] forwardValue(float[] uniform) {
    float[] y = new float[uniform.length];
    ScalarKernels.INSTANCE.softmax(uniform, 0, y, 0, uniform.length);
    return y;
  }

  @Benchmark
  public float[] simdact() {
    Activations.softmaxBackward(a, dy, dx);
    return dx;
  }

  @Benchmark
  public float[] scalarKernels() {
    ScalarKernels.INSTANCE.softmaxBackward(a, 0, dy, 0, dx, 0, size);
    return dx;
  }

  @Benchmark
  public float[] plainJava() {
    PlainJavaLoops.softmaxBackward(a, dy, dx);
    return dx;
  }

  @Benchmark
  public float[] vectorApi() {
    VectorApiLoops.softmaxBackward(a, dy, dx);
    return dx;
  }
}
