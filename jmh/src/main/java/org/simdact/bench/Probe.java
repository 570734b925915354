package org.simdact.bench;

import jdk.incubator.vector.FloatVector;
import org.simdact.Activations;

/**
 * Prints which kernels the library picks and the preferred float species in a JVM started with
 * the flags under test; run once per vector size so that each result row can be labelled.
 */
public final class Probe {

  private Probe() {}

  public static void main(String[] args) {
    System.out.println("implementation=" + Activations.implementation().description());
    System.out.println("species=" + FloatVector.SPECIES_PREFERRED);
  }
}
