package io.github.maxcdc.jdbc;

import io.github.maxcdc.event.TableId;
import java.time.Duration;

/**
 * What a {@link Snapshot} did.
 *
 * @param table the source table
 * @param gtidPosition the GTID position of the (first) consistent snapshot, the stream starts after
 *     it; empty if nothing had been binlogged (the stream starts at the beginning)
 * @param rowsCopied rows copied in all, earlier runs of a resumed copy included
 * @param rowsThisRun rows copied by this run
 * @param resumed whether this run went on with a copy an earlier run had begun
 * @param skipped why nothing was copied (the copy was done, or the stream already had a
 *     checkpoint), or null if this run copied
 * @param elapsed how long this run took
 */
public record SnapshotResult(
    TableId table,
    String gtidPosition,
    long rowsCopied,
    long rowsThisRun,
    boolean resumed,
    String skipped,
    Duration elapsed) {}
