package io.github.maxcdc.jdbc;

import java.util.Objects;

/**
 * What the sink does to the target table when the source table's schema changes between two
 * versions MaxScale announces (see the README, "Schema changes"). New columns are {@link
 * NewColumnsPolicy}'s.
 *
 * @param renamed a column at the same position with the same type and a new name, nothing else
 *     changed
 * @param typeChanges a column whose type changed
 * @param dropped a column the source no longer has
 */
public record SchemaChangePolicy(Renamed renamed, TypeChanges typeChanges, Dropped dropped) {
  /** The defaults: rename, widen, keep. */
  public static final SchemaChangePolicy DEFAULT =
      new SchemaChangePolicy(Renamed.RENAME, TypeChanges.WIDEN, Dropped.KEEP);

  /** Validates the components. */
  public SchemaChangePolicy {
    Objects.requireNonNull(renamed, "renamed");
    Objects.requireNonNull(typeChanges, "typeChanges");
    Objects.requireNonNull(dropped, "dropped");
  }

  /** A renamed source column. */
  public enum Renamed {
    /**
     * Rename the target column (default); with a source connection the rename is confirmed there
     * first (the old name gone, the new one present), else the column is treated as dropped and
     * added.
     */
    RENAME,
    /** Treat it as a dropped column and a new one ({@link NewColumnsPolicy}). */
    ADD,
    /** Stop with an error naming both names. */
    FAIL
  }

  /** A source column whose type changed. */
  public enum TypeChanges {
    /**
     * Widen the target column before the first row of the new version (default): INT to BIGINT,
     * VARCHAR(n) to VARCHAR(m > n), DECIMAL to a wider one, FLOAT to DOUBLE, TEXT to MEDIUMTEXT...;
     * a target column already wide enough is left alone. A narrowing or an incompatible change
     * stops the sink with an error naming the column and both types.
     */
    WIDEN,
    /** Stop with an error naming the column and both types. */
    FAIL
  }

  /** A source column dropped. */
  public enum Dropped {
    /** Keep the target column, no longer written: rows keep their values (default). */
    KEEP,
    /** Drop the target column (a key column is never dropped). */
    DROP
  }

  /** This policy with {@code renamed}. */
  public SchemaChangePolicy renamed(Renamed policy) {
    return new SchemaChangePolicy(policy, typeChanges, dropped);
  }

  /** This policy with {@code typeChanges}. */
  public SchemaChangePolicy typeChanges(TypeChanges policy) {
    return new SchemaChangePolicy(renamed, policy, dropped);
  }

  /** This policy with {@code dropped}. */
  public SchemaChangePolicy dropped(Dropped policy) {
    return new SchemaChangePolicy(renamed, typeChanges, policy);
  }
}
