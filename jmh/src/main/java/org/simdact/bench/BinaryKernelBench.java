package org.simdact.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Arrays for a backward kernel: two inputs (the forward output y or input x, and the upstream
 * gradient dy) and one output dx. Three arrays of the same size, so the memory level of a size is
 * reached a little earlier than for the forward kernels; see {@link UnaryKernelBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public abstract class BinaryKernelBench {

  @Param({"4096", "65536", "1048576", "16777216"})
  public int size;

  /** The forward input x or output y, shaped by {@link #forwardValue}. */
  public float[] a;

  /** Upstream gradient, uniform in [-1, 1). */
  public float[] dy;

  public float[] dx;

  @Setup(Level.Trial)
  public void fillArrays() {
    a = forwardValue(Inputs.uniform(size, Inputs.SEED));
    dy = Inputs.uniform(size, Inputs.SEED + 1);
    for (int i = 0; i < size; i++) {
      dy[i] /= Inputs.RANGE;
    }
    dx = new float[size];
  }

  /** The kernel's first input made from uniform values in [-10, 10); identity by default. */
  protected float[] forwardValue(float[] uniform) {
    return uniform;
  }
}
