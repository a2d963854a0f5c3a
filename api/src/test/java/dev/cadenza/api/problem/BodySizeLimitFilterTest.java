package dev.cadenza.api.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

class BodySizeLimitFilterTest {
  private final BodySizeLimitFilter filter =
      new BodySizeLimitFilter(DataSize.ofBytes(10), new ObjectMapper());

  /** A chunked upload: the length is unknown until the body has been read. */
  private static MockHttpServletRequest chunked(String body) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/generations") {
      @Override
      public long getContentLengthLong() {
        return -1;
      }

      @Override
      public int getContentLength() {
        return -1;
      }
    };
    request.setContent(body.getBytes(StandardCharsets.UTF_8));
    return request;
  }

  @Test
  void declaredOversizeIsRefusedBeforeTheChain() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/generations");
    request.setContent("12345678901".getBytes(StandardCharsets.UTF_8));
    MockHttpServletResponse response = new MockHttpServletResponse();
    FilterChain chain = (req, res) -> {
      throw new AssertionError("chain must not run");
    };

    filter.doFilter(request, response, chain);

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
    assertThat(response.getContentAsString())
        .contains("\"code\":\"PAYLOAD_TOO_LARGE\"")
        .contains("\"instance\":\"/v1/generations\"");
  }

  @Test
  void chunkedOversizeFailsWhileReading() {
    FilterChain chain = (req, res) -> req.getInputStream().readAllBytes();
    assertThatThrownBy(
            () -> filter.doFilter(chunked("12345678901"), new MockHttpServletResponse(), chain))
        .isInstanceOf(PayloadTooLargeException.class);
  }

  @Test
  void bodiesWithinTheLimitPass() throws Exception {
    byte[][] read = new byte[1][];
    FilterChain chain = (req, res) -> read[0] = req.getInputStream().readAllBytes();
    filter.doFilter(chunked("1234567890"), new MockHttpServletResponse(), chain);
    assertThat(new String(read[0], StandardCharsets.UTF_8)).isEqualTo("1234567890");
  }
}
