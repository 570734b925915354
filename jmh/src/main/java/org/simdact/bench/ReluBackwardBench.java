package org.simdact.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.simdact.Activations;
import org.simdact.internal.ScalarKernels;

/**
 * Hypothesis: dx = x > 0 ? dy : 0 is a compare and a blend per element, memory-bound outside L1;
 * the library's extra NaN check costs nothing measurable there.
 */
public class ReluBackwardBench extends BinaryKernelBench {

  @Benchmark
  public float[] simdact() {
    Activations.reluBackward(a, dy, dx);
    return dx;
  }

  @Benchmark
  public float[] scalarKernels() {
    ScalarKernels.INSTANCE.reluBackward(a, 0, dy, 0, dx, 0, size);
    return dx;
  }

  @Benchmark
  public float[] plainJava() {
    PlainJavaLoops.reluBackward(a, dy, dx);
    return dx;
  }

  @Benchmark
  public float[] vectorApi() {
    VectorApiLoops.reluBackward(a, dy, dx);
    return dx;
  }
}
