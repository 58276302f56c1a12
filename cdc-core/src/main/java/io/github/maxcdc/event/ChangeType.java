package io.github.maxcdc.event;

/** The kind of a row change. */
public enum ChangeType {
  /** A new row: {@link ChangeEvent#after()} only. */
  INSERT,
  /** A changed row: before and after images. */
  UPDATE,
  /** A removed row: {@link ChangeEvent#before()} only. */
  DELETE;

  /** The lowercase name used in MaxScale's and this library's JSON ({@code insert}, ...). */
  public String jsonName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
