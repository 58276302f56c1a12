package io.github.maxcdc.jdbc;

/**
 * What {@link TableVerifier#repair()} found and did.
 *
 * @param before the comparison before the repair
 * @param rowsWritten target rows written from the source (missing or different)
 * @param rowsDeleted target rows deleted (the source does not have them)
 * @param after the comparison after the repair (the same as {@code before} when nothing differed)
 */
public record RepairResult(
    VerifyResult before, long rowsWritten, long rowsDeleted, VerifyResult after) {

  /** Whether the tables are equal after the repair. */
  public boolean equal() {
    return after.equal();
  }
}
