package io.github.maxcdc.testkit.internal.scripted;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A MariaDB column type as written in a column definition: {@code NAME[(args)] [UNSIGNED]
 * [ZEROFILL]}, e.g. {@code DECIMAL(10,2)}, {@code INT UNSIGNED}, {@code ENUM('a','b')}. Immutable.
 *
 * @param name the type name exactly as written (MaxScale copies it into {@code real_type})
 * @param args the parenthesised arguments: numbers as written, or decoded string literals
 * @param unsigned whether UNSIGNED or ZEROFILL was given (MaxScale treats both as unsigned)
 */
public record ColumnType(String name, List<String> args, boolean unsigned) {

  /**
   * Creates the record; copies the arguments.
   *
   * @param name the name
   * @param args the args
   * @param unsigned the unsigned
   */
  public ColumnType {
    args = List.copyOf(args);
  }

  /**
   * Returns the upper-case type name.
   *
   * @return e.g. {@code "DECIMAL"}
   */
  public String upperName() {
    return name.toUpperCase(Locale.ROOT);
  }

  /**
   * Returns the type as SQL text, e.g. {@code DECIMAL(8,2)}, {@code ENUM('a','b')}, {@code INT
   * UNSIGNED}.
   *
   * @return the text
   */
  public String text() {
    StringBuilder sb = new StringBuilder(name);
    if (!args.isEmpty()) {
      boolean quoted = upperName().equals("ENUM") || upperName().equals("SET");
      sb.append('(');
      for (int k = 0; k < args.size(); k++) {
        String a = args.get(k);
        sb.append(k > 0 ? "," : "").append(quoted ? "'" + a.replace("'", "''") + "'" : a);
      }
      sb.append(')');
    }
    return unsigned ? sb.append(" UNSIGNED").toString() : sb.toString();
  }

  /**
   * Returns a numeric argument.
   *
   * @param index argument index
   * @param fallback value when the argument is absent
   * @return the argument's value
   * @throws IllegalArgumentException if the argument is not a number
   */
  public int intArg(int index, int fallback) {
    if (index >= args.size()) {
      return fallback;
    }
    try {
      return Integer.parseInt(args.get(index));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + ": argument " + (index + 1) + " must be a number, got '" + args.get(index) + "'",
          e);
    }
  }

  /**
   * Parses a type definition.
   *
   * @param text e.g. {@code "VARCHAR(100)"}
   * @return the type
   * @throws IllegalArgumentException if the text is not of the supported form
   */
  public static ColumnType parse(String text) {
    Cursor c = new Cursor(text.strip());
    String name = c.word();
    if (name.isEmpty()) {
      throw new IllegalArgumentException("type must start with a type name, got '" + text + "'");
    }
    List<String> args = c.peek() == '(' ? c.arguments() : List.of();
    boolean unsigned = false;
    while (!c.atEnd()) {
      String word = c.word().toUpperCase(Locale.ROOT);
      switch (word) {
        case "UNSIGNED", "ZEROFILL" -> unsigned = true;
        case "SIGNED" -> {}
        default ->
            throw new IllegalArgumentException(
                "unsupported type attribute '"
                    + word
                    + "' in '"
                    + text
                    + "' (only UNSIGNED, SIGNED and ZEROFILL may follow the type)");
      }
    }
    return new ColumnType(name, args, unsigned);
  }

  /** A cursor over the type text. */
  private static final class Cursor {
    private final String s;
    private int i;

    Cursor(String s) {
      this.s = s;
    }

    boolean atEnd() {
      skipSpaces();
      return i >= s.length();
    }

    char peek() {
      skipSpaces();
      return i < s.length() ? s.charAt(i) : '\0';
    }

    private void skipSpaces() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    String word() {
      skipSpaces();
      int start = i;
      // a letter, then letters and digits (INET4, INT8)
      while (i < s.length()
          && s.charAt(i) < 0x80
          && (Character.isLetter(s.charAt(i)) || (i > start && Character.isDigit(s.charAt(i))))) {
        i++;
      }
      if (start == i && i < s.length()) {
        throw new IllegalArgumentException(
            "unexpected '" + s.charAt(i) + "' at position " + i + " in '" + s + "'");
      }
      return s.substring(start, i);
    }

    List<String> arguments() {
      List<String> args = new ArrayList<>();
      i++; // '('
      while (true) {
        char c = peek();
        if (c == '\'' || c == '"') {
          args.add(quoted(c));
        } else {
          int start = i;
          while (i < s.length() && s.charAt(i) != ',' && s.charAt(i) != ')') {
            i++;
          }
          args.add(s.substring(start, i).strip());
        }
        char next = peek();
        i++;
        if (next == ')') {
          return args;
        }
        if (next != ',') {
          throw new IllegalArgumentException("expected ',' or ')' in '" + s + "'");
        }
      }
    }

    private String quoted(char quote) {
      StringBuilder sb = new StringBuilder();
      i++;
      while (i < s.length()) {
        char c = s.charAt(i++);
        if (c == quote && i < s.length() && s.charAt(i) == quote) {
          sb.append(quote);
          i++;
        } else if (c == quote) {
          return sb.toString();
        } else if (c == '\\' && i < s.length()) {
          sb.append(s.charAt(i++));
        } else {
          sb.append(c);
        }
      }
      throw new IllegalArgumentException("unterminated string literal in '" + s + "'");
    }
  }
}
