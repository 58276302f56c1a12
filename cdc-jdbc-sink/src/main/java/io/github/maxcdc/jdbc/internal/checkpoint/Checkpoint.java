package io.github.maxcdc.jdbc.internal.checkpoint;

import io.github.maxcdc.position.StreamPosition;
import java.time.Instant;

/**
 * What a stream has applied: its last change's position and schema version, that change's source
 * commit time, and how many changes were applied in all.
 *
 * @param position the last change applied
 * @param schemaVersion its schema version
 * @param sourceTimestamp its commit time at the source
 * @param appliedEvents changes applied since the stream began
 */
public record Checkpoint(
    StreamPosition position, int schemaVersion, Instant sourceTimestamp, long appliedEvents) {}
