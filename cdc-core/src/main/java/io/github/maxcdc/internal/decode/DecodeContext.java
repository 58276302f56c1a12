package io.github.maxcdc.internal.decode;

import io.github.maxcdc.event.TableId;

/**
 * What a decoder needs to know about its stream.
 *
 * @param table the table requested
 * @param server description of the server, for messages
 * @param maxRecordBytes the largest record (JSON line, Avro block or header) accepted
 */
public record DecodeContext(TableId table, String server, int maxRecordBytes) {}
