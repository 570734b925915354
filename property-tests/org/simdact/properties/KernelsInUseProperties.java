package org.simdact.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Example;
import org.simdact.Activations;
import org.simdact.Implementation;
import org.simdact.internal.vector.VectorKernels;

/**
 * Says which kernels the properties ran against, and checks it when the run expects a width: CI
 * passes {@value #EXPECTED_BITS_PROPERTY} with the vector size it forced (0 for the scalar path),
 * so a flag that silently stopped working fails the run instead of testing the wrong kernels.
 */
class KernelsInUseProperties {

  static final String EXPECTED_BITS_PROPERTY = "simdact.test.expectedVectorBits";

  @Example
  void theKernelsInUseHaveTheVectorSizeThisRunAsksFor() {
    Implementation used = Activations.implementation();
    System.out.println("simdact properties: Activations uses " + used
        + "; the vector kernels tested directly are " + VectorKernels.vectorBitSize() + "-bit, "
        + VectorKernels.lanes() + " lanes");

    String expected = System.getProperty(EXPECTED_BITS_PROPERTY);
    if (expected != null) {
      int bits = Integer.parseInt(expected);
      assertEquals(bits, used.vectorBitSize(), "vector size used by Activations: " + used);
      assertEquals(bits > 0, used.vectorized(), "vectorized: " + used);
      if (bits > 0) {
        assertEquals(bits, VectorKernels.vectorBitSize(), "vector size of the vector kernels");
      }
    }
  }
}
