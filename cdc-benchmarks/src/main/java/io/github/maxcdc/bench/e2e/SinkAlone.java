package io.github.maxcdc.bench.e2e;

import io.github.maxcdc.bench.apply.Changes;
import io.github.maxcdc.bench.apply.Target;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.jdbc.JdbcSink;
import io.github.maxcdc.testkit.EmbeddedMariaDb;
import java.util.List;

/** The sink applying inserts handed to it from memory: the baseline of the backlog drain. */
final class SinkAlone {
  private SinkAlone() {}

  static double rate(EmbeddedMariaDb db, int inserts) throws Exception {
    List<ChangeEvent> events = Changes.inserts(Changes.commandesSchema(), inserts);
    Target.create(db);
    long start = System.nanoTime();
    try (JdbcSink sink = E2eRun.sink(db)) {
      for (ChangeEvent e : events) {
        sink.onChange(e);
      }
      sink.flush();
    }
    return inserts / ((System.nanoTime() - start) / 1e9);
  }
}
