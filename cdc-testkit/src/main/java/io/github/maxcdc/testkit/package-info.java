/**
 * A fake MariaDB MaxScale CDC server for tests (like OkHttp's MockWebServer), faithful to MaxScale
 * 24.02.3 byte for byte: {@link io.github.maxcdc.testkit.FakeMaxScale} serves recorded
 * conversations ({@link io.github.maxcdc.testkit.Recording}), an avrorouter directory, or tables
 * scripted from the test ({@link io.github.maxcdc.testkit.ScriptedTable}), with fault injection
 * ({@link io.github.maxcdc.testkit.Fault}) and a record of what clients sent ({@link
 * io.github.maxcdc.testkit.ClientMessage}). For the target side, {@link
 * io.github.maxcdc.testkit.TestDatabase} is a throwaway MariaDB ({@link
 * io.github.maxcdc.testkit.EmbeddedMariaDb}) or a server of yours, and {@link
 * io.github.maxcdc.testkit.Rows} reads its tables for assertions.
 */
package io.github.maxcdc.testkit;
