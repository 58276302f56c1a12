package io.github.maxcdc.jdbc;

import io.github.maxcdc.Backoff;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.internal.plan.SinkOptions;
import io.github.maxcdc.jdbc.internal.sql.ConnectionFactory;
import java.time.Clock;
import java.time.Duration;

/** The settings of a built sink ({@code source} null without a source connection). */
record JdbcSinkConfig(
    ConnectionFactory connections,
    SinkOptions options,
    String streamId,
    TableId checkpointTable,
    int maxBatchEvents,
    Duration maxLatency,
    int maxTransactionEvents,
    Backoff retry,
    Clock clock,
    SourceDatabase source) {}
