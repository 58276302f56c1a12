package io.github.maxcdc.testkit;

import io.github.maxcdc.testkit.internal.server.FaultPlan;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Something going wrong on one connection, for testing how a client copes. Byte and row counts
 * refer to the data stream: everything the server sends after the registration reply ({@code
 * OK\n}), including {@code ERR} replies. Each fault triggers at most once per connection.
 *
 * <pre>{@code
 * server.enqueueFault(Fault.closeAfterBytes(1000));               // the next connection only
 * server.setFaultForAllConnections(Fault.stallAfterBytes(0, Duration.ofSeconds(2)));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Fault {
  /** The kinds of faults. */
  public enum Type {
    /** No fault. */
    NONE,
    /** Close the connection after N bytes of the data stream (possibly inside a record). */
    CLOSE_AFTER_BYTES,
    /**
     * Close the connection after the write that completes the Nth row (a JSON line, or an AVRO
     * block).
     */
    CLOSE_AFTER_ROWS,
    /** Stop sending for a while (or forever) after N bytes, then resume. */
    STALL_AFTER_BYTES,
    /** Insert garbage bytes after N bytes, then resume the stream. */
    GARBAGE_AFTER_BYTES,
    /**
     * Answer the authentication with {@code ERROR: Authentication failed}, whatever the
     * credentials.
     */
    REFUSE_AUTHENTICATION
  }

  private static final Fault NONE = new Fault(Type.NONE, 0, null, new byte[0]);

  private final Type type;
  private final long threshold;
  private final Duration stall;
  private final byte[] garbage;

  private Fault(Type type, long threshold, Duration stall, byte[] garbage) {
    this.type = type;
    this.threshold = threshold;
    this.stall = stall;
    this.garbage = garbage;
  }

  /**
   * No fault.
   *
   * @return the empty fault
   */
  public static Fault none() {
    return NONE;
  }

  /**
   * Closes the connection after {@code bytes} bytes of the data stream.
   *
   * @param bytes bytes to send first, 0 or more
   * @return the fault
   */
  public static Fault closeAfterBytes(long bytes) {
    return new Fault(Type.CLOSE_AFTER_BYTES, nonNegative(bytes, "bytes"), null, new byte[0]);
  }

  /**
   * Closes the connection after the write that completes row number {@code rows}. In JSON mode a
   * row is one line; in AVRO mode rows are counted per block (one block per transaction), so the
   * connection closes after the block that reaches the count. Not available when replaying a
   * recording.
   *
   * @param rows rows to send first, 1 or more
   * @return the fault
   */
  public static Fault closeAfterRows(long rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("rows must be at least 1, got " + rows);
    }
    return new Fault(Type.CLOSE_AFTER_ROWS, rows, null, new byte[0]);
  }

  /**
   * Stops sending for {@code duration} after {@code bytes} bytes of the data stream.
   *
   * @param bytes bytes to send first, 0 or more
   * @param duration how long to stall, positive
   * @return the fault
   */
  public static Fault stallAfterBytes(long bytes, Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration must be positive, got " + duration);
    }
    return new Fault(Type.STALL_AFTER_BYTES, nonNegative(bytes, "bytes"), duration, new byte[0]);
  }

  /**
   * Stops sending forever after {@code bytes} bytes of the data stream; the connection stays open
   * until the client or the server closes it.
   *
   * @param bytes bytes to send first, 0 or more
   * @return the fault
   */
  public static Fault stallForeverAfterBytes(long bytes) {
    return new Fault(Type.STALL_AFTER_BYTES, nonNegative(bytes, "bytes"), null, new byte[0]);
  }

  /**
   * Inserts {@code garbage} after {@code bytes} bytes of the data stream, then resumes.
   *
   * @param bytes bytes to send first, 0 or more
   * @param garbage bytes to insert, not empty (copied)
   * @return the fault
   */
  public static Fault garbageAfterBytes(long bytes, byte[] garbage) {
    Objects.requireNonNull(garbage, "garbage");
    if (garbage.length == 0) {
      throw new IllegalArgumentException("garbage must not be empty");
    }
    return new Fault(Type.GARBAGE_AFTER_BYTES, nonNegative(bytes, "bytes"), null, garbage.clone());
  }

  /**
   * Refuses the authentication, whatever the credentials.
   *
   * @return the fault
   */
  public static Fault refuseAuthentication() {
    return new Fault(Type.REFUSE_AUTHENTICATION, 0, null, new byte[0]);
  }

  private static long nonNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative, got " + value);
    }
    return value;
  }

  /**
   * Returns the kind of fault.
   *
   * @return the type
   */
  public Type type() {
    return type;
  }

  /**
   * Returns the byte or row count after which the fault happens.
   *
   * @return the threshold, 0 for faults without one
   */
  public long threshold() {
    return threshold;
  }

  /**
   * Returns how long a stall lasts.
   *
   * @return the duration, empty for a stall that lasts forever or for other faults
   */
  public Optional<Duration> stall() {
    return Optional.ofNullable(stall);
  }

  /**
   * Returns the garbage bytes (a copy).
   *
   * @return garbage, empty for other faults
   */
  public byte[] garbage() {
    return garbage.clone();
  }

  FaultPlan plan() {
    return new FaultPlan(FaultPlan.Type.valueOf(type.name()), threshold, stall, garbage);
  }

  void checkReplayable() {
    if (type == Type.CLOSE_AFTER_ROWS) {
      throw new IllegalArgumentException("fault: rows are not counted when replaying a recording");
    }
    if (type == Type.REFUSE_AUTHENTICATION) {
      throw new IllegalArgumentException(
          "fault: a replayed recording decides the authentication reply");
    }
  }

  @Override
  public String toString() {
    return switch (type) {
      case NONE, REFUSE_AUTHENTICATION -> "Fault[" + type + "]";
      case STALL_AFTER_BYTES ->
          "Fault[" + type + " " + threshold + ", " + (stall == null ? "forever" : stall) + "]";
      case GARBAGE_AFTER_BYTES ->
          "Fault[" + type + " " + threshold + ", " + garbage.length + " bytes]";
      default -> "Fault[" + type + " " + threshold + "]";
    };
  }
}
