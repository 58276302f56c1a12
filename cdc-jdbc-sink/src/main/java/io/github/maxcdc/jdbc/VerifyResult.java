package io.github.maxcdc.jdbc;

import io.github.maxcdc.event.TableId;
import java.time.Duration;
import java.util.List;

/**
 * What a {@link TableVerifier} found. Keys are printed as their values separated by {@code ", "}
 * (bytes in hex); lists hold at most the verifier's {@code maxReported} keys, the counts all of
 * them.
 *
 * @param source the source table
 * @param target the target table
 * @param sourceRows rows of the source table compared
 * @param targetRows rows of the target table compared
 * @param chunks key ranges checksummed
 * @param missing keys the source has and the target lacks (at most maxReported)
 * @param missingCount how many there are
 * @param extra keys the target has and the source lacks (at most maxReported)
 * @param extraCount how many there are
 * @param different rows whose values differ, with the columns that differ (at most maxReported)
 * @param differentCount how many there are
 * @param columnsCompared the source columns compared
 * @param columnsIgnored the target's columns the source does not have (not compared)
 * @param gtidPosition the source's GTID position when the comparison began (empty if unknown)
 * @param resolvedInFlight differences of the first pass that the stream resolved while waiting
 * @param settle how in-flight differences were treated, in words
 * @param elapsed how long the verification took
 */
public record VerifyResult(
    TableId source,
    TableId target,
    long sourceRows,
    long targetRows,
    int chunks,
    List<String> missing,
    long missingCount,
    List<String> extra,
    long extraCount,
    List<Difference> different,
    long differentCount,
    List<String> columnsCompared,
    List<String> columnsIgnored,
    String gtidPosition,
    long resolvedInFlight,
    String settle,
    Duration elapsed) {

  /** A row whose values differ. @param key the row's key @param columns the differing columns */
  public record Difference(String key, List<String> columns) {}

  /** Whether the target equals the source. */
  public boolean equal() {
    return missingCount == 0 && extraCount == 0 && differentCount == 0;
  }
}
