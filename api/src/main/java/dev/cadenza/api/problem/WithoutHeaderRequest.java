package dev.cadenza.api.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.springframework.http.HttpHeaders;

/** The request as if it had been sent without one header (filters that drop a useless one). */
final class WithoutHeaderRequest extends HttpServletRequestWrapper {
  private final String header;

  WithoutHeaderRequest(HttpServletRequest request, String header) {
    super(request);
    this.header = header;
  }

  @Override
  public String getContentType() {
    return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(header) ? null : super.getContentType();
  }

  @Override
  public String getHeader(String name) {
    return header.equalsIgnoreCase(name) ? null : super.getHeader(name);
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    return header.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
  }

  @Override
  public Enumeration<String> getHeaderNames() {
    List<String> names = Collections.list(super.getHeaderNames());
    names.removeIf(header::equalsIgnoreCase);
    return Collections.enumeration(names);
  }
}
