package io.github.maxcdc.examples.cli;

import io.github.maxcdc.jdbc.JdbcSink;
import io.github.maxcdc.jdbc.Snapshot;
import io.github.maxcdc.jdbc.SnapshotListener;
import io.github.maxcdc.jdbc.SnapshotProgress;
import io.github.maxcdc.jdbc.SnapshotResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Runs the snapshot of a sink's table for {@code replicate --snapshot}, printing a progress line on
 * stderr at most every interval and a summary line. Used by the command's thread.
 */
final class SnapshotReport implements SnapshotListener {
  private final PrintStream err;
  private final Duration interval;
  private final SnapshotListener also;
  private long lastPrint = System.nanoTime();

  /** A report on {@code err} at most every {@code interval}, also telling {@code also}. */
  SnapshotReport(PrintStream err, Duration interval, SnapshotListener also) {
    this.err = err;
    this.interval = interval;
    this.also = also;
  }

  /** Runs the snapshot of {@code sink}, in chunks of {@code chunkRows} if not null. */
  void run(JdbcSink sink, Integer chunkRows) throws Exception {
    Snapshot.Builder snapshot = Snapshot.builder(sink).listener(this);
    if (chunkRows != null) {
      snapshot.chunkRows(chunkRows);
    }
    err.println(summaryLine(snapshot.build().run()));
  }

  @Override
  public void onProgress(SnapshotProgress p) {
    also.onProgress(p);
    long now = System.nanoTime();
    if (now - lastPrint >= interval.toNanos()) {
      lastPrint = now;
      err.println(progressLine(p));
    }
  }

  /** {@code snapshot shop_tx.commandes: 120000 / ~2000000 rows (6%), 45000 rows/s, ETA 42 s}. */
  static String progressLine(SnapshotProgress p) {
    long total = Math.max(1, p.estimatedRows());
    return String.format(
        Locale.ROOT,
        "snapshot %s: %d / ~%d rows (%d%%), %.0f rows/s, ETA %s",
        p.table(),
        p.rowsCopied(),
        p.estimatedRows(),
        Math.min(100, p.rowsCopied() * 100 / total),
        p.rowsPerSecond(),
        p.eta().map(d -> seconds(d)).orElse("unknown"));
  }

  /** What the snapshot did, and where the stream starts. */
  static String summaryLine(SnapshotResult r) {
    String start =
        r.gtidPosition().isEmpty()
            ? "the stream starts at the beginning"
            : "the stream starts after " + r.gtidPosition();
    if (r.skipped() != null) {
      return "snapshot of " + r.table() + ": nothing to copy, " + r.skipped();
    }
    double secs = r.elapsed().toNanos() / 1e9;
    return String.format(
        Locale.ROOT,
        "snapshot of %s: %d rows copied%s in %s (%.0f rows/s), %s",
        r.table(),
        r.rowsCopied(),
        r.resumed() ? " (" + r.rowsThisRun() + " by this run, resuming an earlier one)" : "",
        seconds(r.elapsed()),
        secs <= 0 ? 0 : r.rowsThisRun() / secs,
        start);
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
