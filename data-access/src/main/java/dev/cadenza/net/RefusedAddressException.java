package dev.cadenza.net;

import java.net.UnknownHostException;

/**
 * A URL or host that outbound requests must not reach. An {@link UnknownHostException} so that
 * it travels out of an HTTP client's name resolution unchanged: to the client the host simply
 * does not resolve.
 */
public final class RefusedAddressException extends UnknownHostException {
  public RefusedAddressException(String message) {
    super(message);
  }
}
