package io.github.maxcdc.testkit;

/**
 * The avrorouter {@code codec} setting used for scripted tables.
 *
 * <p>With {@link #DEFLATE}, MaxScale 24.02.3 streams AVRO clients a corrupt file: for each block it
 * sends the block header, then as many bytes as the <em>decompressed</em> data would take, read
 * from the start of the compressed data, then the sync marker, and it stops when that runs past the
 * end of the file (recordings {@code h_*avro_deflate*}). The fake server reproduces this, so {@code
 * DEFLATE} doubles as a fault for AVRO clients. JSON clients are unaffected.
 */
public enum AvroCodec {
  /** No compression (MaxScale's default). */
  NULL,
  /** Deflate-compressed data blocks. */
  DEFLATE
}
