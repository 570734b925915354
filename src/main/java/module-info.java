/**
 * Neural-network activation functions over float arrays, forward and backward.
 *
 * <p>The Vector API is optional at run time: without {@code --add-modules jdk.incubator.vector}
 * the library uses its scalar kernels, which give the same bits.
 */
module org.simdact {
  requires static jdk.incubator.vector;

  exports org.simdact;
}
