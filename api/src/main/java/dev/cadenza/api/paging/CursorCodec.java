package dev.cadenza.api.paging;

import dev.cadenza.api.problem.ApiException;
import dev.cadenza.api.problem.ProblemCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.http.HttpStatus;

/**
 * Opaque paging cursors over a positive, increasing {@code long} position (a {@code bigserial}
 * id or {@code seq}): the cursor is the unpadded base64url of {@code "c1:<position>"}. Clients
 * must treat it as opaque; the version tag lets the format change without breaking old links.
 *
 * <p>Not a secret and not signed: a forged cursor can only page through rows the caller may see
 * anyway, since every query also filters by owner.
 */
public final class CursorCodec {
  private static final String PREFIX = "c1:";
  private static final int MAX_LENGTH = 64;

  /** The cursor for the page after {@code position}; null for null (no next page). */
  public static String encode(Long position) {
    if (position == null) {
      return null;
    }
    if (position <= 0) {
      throw new IllegalArgumentException("cursor position must be positive: " + position);
    }
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + position).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The position in {@code cursor}; null for a null or empty cursor (the first page).
   *
   * @throws ApiException 400 {@code INVALID_CURSOR} for anything {@link #encode} did not make
   */
  public static Long decode(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    if (cursor.length() > MAX_LENGTH) {
      throw invalid();
    }
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (!text.startsWith(PREFIX)) {
      throw invalid();
    }
    String digits = text.substring(PREFIX.length());
    boolean decimal = digits.chars().allMatch(c -> c >= '0' && c <= '9');
    if (digits.isEmpty() || digits.length() > 19 || !decimal) {
      throw invalid();
    }
    try {
      long position = Long.parseLong(digits);
      if (position <= 0 || !encode(position).equals(cursor)) {
        throw invalid();
      }
      return position;
    } catch (NumberFormatException e) {
      throw invalid();
    }
  }

  private static ApiException invalid() {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        ProblemCode.INVALID_CURSOR,
        "The cursor is not valid for this list.");
  }

  private CursorCodec() {}
}
