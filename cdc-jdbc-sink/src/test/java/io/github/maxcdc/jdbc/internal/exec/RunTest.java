package io.github.maxcdc.jdbc.internal.exec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a change may pass the open run of the other kind. */
class RunTest {
  @Test
  void aChangeMayPassOnlyARunWhoseExactKeysAllDifferFromItsOwn() {
    Run run = new Run();
    assertFalse(run.conflicts(null), "an empty run holds nothing to pass");
    run.add(null, null, List.of(1L, 2L), null);
    assertTrue(run.conflicts(List.of(1L, 2L)));
    assertFalse(run.conflicts(List.of(2L, 1L)));
    assertTrue(run.conflicts(null), "a key that cannot be compared here never passes");
    run.add(null, null, Arrays.asList(null, 3L), null);
    assertTrue(run.conflicts(Arrays.asList(null, 3L)), "NULL keys match as <=> does");
    run.add(null, null, null, null);
    assertTrue(run.conflicts(List.of(9L, 9L)), "nothing passes a run holding an inexact key");
    run.clear();
    assertFalse(run.conflicts(List.of(1L, 2L)));
  }
}
