package io.github.maxcdc;

import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.position.Gtid;
import io.github.maxcdc.position.StartPosition;
import io.github.maxcdc.position.StreamPosition;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How many transactions of a table a stored position is behind its MaxScale CDC listener: the
 * distinct GTIDs the table's stream holds after the position, counted by reading the stream from
 * there until the client has caught up with MaxScale.
 *
 * <pre>{@code
 * TransactionsBehind.Count behind =
 *     TransactionsBehind.count(
 *         CdcClient.builder()
 *             .address("maxscale-host", 4001)
 *             .credentials("cdcuser", password)
 *             .table("shop_tx", "commandes"),
 *         StreamPosition.parse("0-1-9:6"),
 *         Duration.ofSeconds(5));
 * System.out.println(behind); // "3", or ">=1234" when the timeout came first
 * }</pre>
 *
 * <p>The count does not rely on MaxScale's {@code QUERY-LAST-TRANSACTION}, which no recording of
 * MaxScale 24.02.3 shows (fixtures {@code maxscale-24.02.3}): it reads the stream, {@code
 * REQUEST-DATA db.table GTID} from the position's GTID, as a resuming client does. A transaction
 * counts when at least one of its changes comes after the position: the position's own transaction
 * counts only if the position is inside it (changes of it follow), and a transaction MaxScale is
 * still sending counts as one. The count is exact once the stream has caught up and then stayed
 * quiet for the client's quiet interval ({@link CdcClient.Builder#quietInterval}); when the timeout
 * comes first, it is what was counted so far, a lower bound, and says so. Only a MaxScale CDC
 * listener tells the client it has caught up: with another {@link CdcClient.Builder#source source}
 * the count always ends at the timeout.
 *
 * <p>Thread-safety: {@link #count} may be called from any thread, concurrently; each call uses a
 * client of its own, closed before it returns.
 */
public final class TransactionsBehind {
  private TransactionsBehind() {}

  /**
   * A count of transactions.
   *
   * @param transactions the transactions counted, 0 or more
   * @param exact true when the stream caught up: the count is the number of transactions behind;
   *     false when the timeout came first: there are at least that many
   */
  public record Count(long transactions, boolean exact) {
    /** Validates the components. */
    public Count {
      if (transactions < 0) {
        throw new IllegalArgumentException(
            "transactions must not be negative, got " + transactions);
      }
    }

    /** {@code 12} when exact, {@code >=12} when a lower bound. */
    @Override
    public String toString() {
      return (exact ? "" : ">=") + transactions;
    }
  }

  /**
   * Counts the transactions of the builder's table after {@code position}.
   *
   * @param source a client builder with the address, credentials, table (and any other connection
   *     setting) of the stream; this call sets its listener, its start position (right after {@code
   *     position}) and its reconnect policy ({@link Backoff#never()}: a failure is reported, not
   *     retried), then builds one client from it
   * @param position the stored position, e.g. a sink's checkpoint
   * @param timeout how long to read before giving up on an exact count, positive
   * @return the count, exact or a lower bound
   * @throws AuthenticationException if MaxScale refuses the credentials
   * @throws NoSuchTableException if MaxScale has no file for the table
   * @throws CdcException if the stream cannot be opened or fails otherwise (unreachable
   *     MaxScale...)
   * @throws InterruptedException if the calling thread is interrupted; the client is closed
   * @throws IllegalArgumentException if {@code timeout} is not positive
   * @throws IllegalStateException if the builder lacks the table, address or credentials
   */
  public static Count count(CdcClient.Builder source, StreamPosition position, Duration timeout)
      throws CdcException, InterruptedException {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    Counter counter = new Counter();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (CdcClient client =
        source
            .listener(counter)
            .startAt(StartPosition.after(position))
            .reconnect(Backoff.never())
            .build()) {
      client.start();
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return new Count(counter.transactions(), false);
        }
        long slice = Math.min(left, TimeUnit.MILLISECONDS.toNanos(50));
        if (counter.caughtUp.await(slice, TimeUnit.NANOSECONDS)) {
          return new Count(counter.atCaughtUp, true);
        }
        if (client.awaitTermination(Duration.ZERO)) {
          // ended without a failure before catching up (a stop-when-idle setting): what was
          // counted is all that is known
          return new Count(counter.transactions(), false);
        }
      }
    }
  }

  /** Counts transactions as their first change arrives; notes the count when the stream rests. */
  private static final class Counter implements ChangeListener {
    final CountDownLatch caughtUp = new CountDownLatch(1);
    private Gtid last; // reader thread only
    private volatile long transactions; // written by the reader thread only
    volatile long atCaughtUp; // written once, before caughtUp opens

    long transactions() {
      return transactions;
    }

    @Override
    public void onChange(ChangeEvent event) {
      // a transaction's changes are contiguous in a table's stream: a new GTID is a new transaction
      if (!event.gtid().equals(last)) {
        last = event.gtid();
        transactions++;
      }
    }

    @Override
    public void onCaughtUp(Duration quietFor) {
      // the first call may come between two reads of one burst: only a quiet stream has rested
      if (!quietFor.isZero() && caughtUp.getCount() > 0) {
        atCaughtUp = transactions;
        caughtUp.countDown();
      }
    }
  }
}
