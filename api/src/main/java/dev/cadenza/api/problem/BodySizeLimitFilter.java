package dev.cadenza.api.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies (property {@code app.api.max-body-size}, default 1MB): a declared {@code
 * Content-Length} above the cap is refused at once with 413 {@code PAYLOAD_TOO_LARGE}; a chunked
 * body is counted while it is read and fails with {@link PayloadTooLargeException}, which {@link
 * ProblemHandler} renders the same way. Without it an API of small JSON documents would read
 * whatever a client sends into memory.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class BodySizeLimitFilter extends OncePerRequestFilter {
  private final long maxBytes;
  private final ObjectMapper objectMapper;

  public BodySizeLimitFilter(
      @Value("${app.api.max-body-size:1MB}") DataSize maxBodySize, ObjectMapper objectMapper) {
    this.maxBytes = maxBodySize.toBytes();
    this.objectMapper = objectMapper;
  }

  /**
   * A signed upload ({@code PUT /v1/files/...}) is not a JSON document: its URL carries its own,
   * signed size limit, which {@code FileController} enforces while it streams the body to storage.
   */
  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return "PUT".equals(request.getMethod()) && request.getRequestURI().startsWith("/v1/files/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      ProblemDetail problem = ProblemHandler.problemOf(new PayloadTooLargeException(maxBytes));
      ProblemBodies.write(request, response, objectMapper, problem);
      return;
    }
    chain.doFilter(declared >= 0 ? request : new LimitedRequest(request, maxBytes), response);
  }

  private static final class LimitedRequest extends HttpServletRequestWrapper {
    private final long maxBytes;
    private ServletInputStream stream;

    LimitedRequest(HttpServletRequest request, long maxBytes) {
      super(request);
      this.maxBytes = maxBytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new LimitedInputStream(super.getInputStream(), maxBytes);
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
  }

  private static final class LimitedInputStream extends ServletInputStream {
    private final ServletInputStream in;
    private final long maxBytes;
    private long count;

    LimitedInputStream(ServletInputStream in, long maxBytes) {
      this.in = in;
      this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      count += n;
      if (count > maxBytes) {
        throw new PayloadTooLargeException(maxBytes);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
