package dev.cadenza.api.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a query string that is not correctly percent-encoded ({@code %ZZ}, a lone {@code %},
 * bytes that are not UTF-8). Tomcat drops such a parameter with nothing but a log line, so {@code
 * ?cursor=%%%} read as no cursor, the first page, and a paging client looped. A broken {@code
 * cursor} is 400 {@code INVALID_CURSOR} like any cursor this API did not hand out; another
 * parameter 400 {@code INVALID_PARAMETER} naming it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class QueryEncodingFilter extends OncePerRequestFilter {
  private static final String CURSOR = "cursor";
  private static final String RULE =
      "must be percent-encoded UTF-8: a % followed by two hexadecimal digits";

  private final ObjectMapper objectMapper;

  public QueryEncodingFilter(ObjectMapper objectMapper) {
    this.objectMapper = objectMapper;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String query = request.getQueryString();
    if (query != null) {
      for (String pair : query.split("&")) {
        int equals = pair.indexOf('=');
        String name = decoded(equals < 0 ? pair : pair.substring(0, equals));
        String value = equals < 0 ? "" : decoded(pair.substring(equals + 1));
        if (name == null || value == null) {
          ProblemBodies.write(request, response, objectMapper, problem(name));
          return;
        }
      }
    }
    chain.doFilter(request, response);
  }

  private static ProblemDetail problem(String name) {
    if (CURSOR.equals(name)) {
      return ProblemBodies.problem(
          HttpStatus.BAD_REQUEST,
          ProblemCode.INVALID_CURSOR,
          "The cursor is not valid for this list: it is not correctly percent-encoded. Send the"
              + " nextCursor of the previous page as it came, URL-encoded.");
    }
    String field = name == null ? "(parameter name)" : name;
    ProblemDetail problem = ProblemBodies.problem(
        HttpStatus.BAD_REQUEST,
        ProblemCode.INVALID_PARAMETER,
        "Parameter '%s' %s.".formatted(field, RULE));
    problem.setProperty("errors", List.of(new FieldProblem(field, RULE)));
    return problem;
  }

  /** The form-decoded text; null when an escape is broken or the bytes are not UTF-8. */
  static String decoded(String encoded) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%') {
        if (i + 2 >= encoded.length()
            || !HexFormat.isHexDigit(encoded.charAt(i + 1))
            || !HexFormat.isHexDigit(encoded.charAt(i + 2))) {
          return null;
        }
        bytes.write(HexFormat.fromHexDigits(encoded, i + 1, i + 3));
        i += 2;
      } else if (c == '+') {
        bytes.write(' ');
      } else {
        byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(raw, 0, raw.length);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
