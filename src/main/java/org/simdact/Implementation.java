package org.simdact;

/**
 * Which kernels this JVM uses, for logs and benchmark reports.
 *
 * @param vectorized true when the Vector API kernels are in use
 * @param vectorBitSize the vector size in bits, or 0 for the scalar kernels
 * @param floatLanes the floats per vector, or 1 for the scalar kernels
 * @param description one line such as {@code "vector, 256-bit, 8 float lanes"} or {@code
 *     "scalar, Vector API module not present (start the JVM with --add-modules
 *     jdk.incubator.vector to use the vector kernels)"}
 */
public record Implementation(
    boolean vectorized, int vectorBitSize, int floatLanes, String description) {

  @Override
  public String toString() {
    return description;
  }
}
