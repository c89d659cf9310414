package dev.ticketmigration.accesspatterns;

import java.util.Comparator;

/**
 * DynamoDB's order of string sort keys: by UTF-8 bytes, which is Unicode code point order. Java's
 * {@link String#compareTo} compares UTF-16 units and disagrees for characters beyond U+FFFF, so
 * answers computed outside DynamoDB sort with this instead.
 */
final class Utf8Order {
  private Utf8Order() {}

  static final Comparator<String> COMPARATOR = Utf8Order::compare;

  static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
