package io.github.maxcdc.examples;

import io.github.maxcdc.CdcClient;
import io.github.maxcdc.archive.TableArchive;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.position.StartPosition;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Archives the changes of {@code shop_tx.commandes} to gzip-compressed JSON Lines files, one per
 * UTC day, under {@code ARCHIVE_DIR} (default {@code archive}): run it again after a stop or a
 * crash and it resumes right after the last complete line of its files.
 *
 * <pre>
 * MAXSCALE_HOST=maxscale-host CDC_PASSWORD=... ARCHIVE_DIR=/data/cdc \
 *   java -cp maxcdc.jar io.github.maxcdc.examples.ArchiveToFiles
 * </pre>
 */
public final class ArchiveToFiles {
  private ArchiveToFiles() {}

  /** Archives until stopped (Ctrl-C) or, with a first argument, until that many seconds idle. */
  public static void main(String[] args) throws Exception {
    TableId table = TableId.parse("shop_tx.commandes");
    try (TableArchive archive =
            TableArchive.open(Path.of(Env.get("ARCHIVE_DIR", "archive")), table);
        CdcClient client =
            CdcClient.builder()
                .address(Env.maxscaleHost(), Env.maxscalePort())
                .credentials(Env.get("CDC_USER", "cdcuser"), Env.required("CDC_PASSWORD"))
                .table(table)
                .startAt(archive.start(StartPosition.beginning()))
                .listener(archive)
                .stopWhenIdle(Env.secondsArgument(args))
                .build()) {
      client.start();
      client.awaitTermination(Duration.ofDays(36500));
      System.out.println(
          archive.archived() + " changes archived; last " + archive.lastPosition().orElse(null));
    } // the client closes first, then the archive closes its day file
  }
}
