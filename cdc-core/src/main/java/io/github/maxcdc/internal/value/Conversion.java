package io.github.maxcdc.internal.value;

import io.github.maxcdc.event.Fidelity;

/**
 * Scratch state of one value conversion: a converter sets {@link #fidelity} when the value is not
 * exact. Owned by one thread (the reader thread converting a row).
 */
final class Conversion {
  Fidelity fidelity = Fidelity.EXACT;

  /** Lowers the fidelity to {@code f}. */
  void mark(Fidelity f) {
    fidelity = f;
  }
}
