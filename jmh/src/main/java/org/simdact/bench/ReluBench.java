package org.simdact.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.simdact.Activations;
import org.simdact.internal.ScalarKernels;

/**
 * Hypothesis: relu is one max per element, so it is memory-bound everywhere: the library, the
 * plain Math.max loop (which C2 vectorizes) and the Vector API max loop all run at the copy roof
 * outside L1, and the library's argument checks cost nothing measurable above 4K elements.
 */
public class ReluBench extends UnaryKernelBench {

  @Benchmark
  public float[] simdact() {
    Activations.relu(src, dst);
    return dst;
  }

  @Benchmark
  public float[] scalarKernels() {
    ScalarKernels.INSTANCE.relu(src, 0, dst, 0, size);
    return dst;
  }

  @Benchmark
  public float[] plainJava() {
    PlainJavaLoops.relu(src, dst);
    return dst;
  }

  @Benchmark
  public float[] vectorApi() {
    VectorApiLoops.relu(src, dst);
    return dst;
  }
}
