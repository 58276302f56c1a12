package io.github.maxcdc.examples;

import io.github.maxcdc.archive.ArchiveReplay;
import io.github.maxcdc.archive.ReplayRange;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.JdbcSink;
import io.github.maxcdc.jdbc.TableMapping;
import java.nio.file.Path;

/**
 * Applies the archive of {@code shop_tx.commandes} written by {@link ArchiveToFiles} (under {@code
 * ARCHIVE_DIR}, default {@code archive}) to {@code shop_dw.commandes_dw}, exactly once: the sink's
 * checkpoint says what was applied already, by this program or by {@link ReplicateToMariaDb}.
 *
 * <pre>
 * ARCHIVE_DIR=/data/cdc DW_URL=jdbc:mariadb://dw-host:3306/shop_dw DW_PASSWORD=... \
 *   java -cp maxcdc.jar io.github.maxcdc.examples.ReplayFiles
 * </pre>
 */
public final class ReplayFiles {
  private ReplayFiles() {}

  /** Replays every closed day file, then ends. */
  public static void main(String[] args) throws Exception {
    try (JdbcSink sink =
        JdbcSink.builder()
            .jdbcUrl(
                Env.required("DW_URL"), Env.get("DW_USER", "etl_user"), Env.required("DW_PASSWORD"))
            .mapping(TableMapping.of("shop_tx.commandes", "shop_dw.commandes_dw"))
            .build()) {
      ArchiveReplay.Result result =
          ArchiveReplay.run(
              Path.of(Env.get("ARCHIVE_DIR", "archive")),
              TableId.parse("shop_tx.commandes"),
              sink,
              ReplayRange.ALL,
              sink.lastApplied()); // skips what the sink applied already
      sink.flush();
      System.out.println(
          result.delivered()
              + " changes applied, "
              + result.skipped()
              + " already applied; checkpoint "
              + sink.lastApplied().orElse(null));
    }
  }
}
