package org.simdact.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.simdact.Activations;

/**
 * Hypothesis: the gradient of step is zero everywhere, so the library only fills dx with
 * Arrays.fill; every version is a pure store stream and runs at the same speed, at or above the
 * copy roof (it reads nothing). The library has no separate scalar kernel for it, so that row is
 * absent.
 */
public class StepBackwardBench extends UnaryKernelBench {

  @Benchmark
  public float[] simdact() {
    Activations.stepBackward(src, dst);
    return dst;
  }

  @Benchmark
  public float[] plainJava() {
    PlainJavaLoops.stepBackward(src, dst);
    return dst;
  }

  @Benchmark
  public float[] vectorApi() {
    VectorApiLoops.stepBackward(src, dst);
    return dst;
  }
}
