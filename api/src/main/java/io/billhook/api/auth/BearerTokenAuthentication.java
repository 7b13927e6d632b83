package io.billhook.api.auth;

import io.billhook.core.keys.ApiKeys;
import io.billhook.core.keys.KeyHolder;
import io.billhook.core.refusals.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;

/**
 * Reads {@code Authorization: Bearer <token>} and turns a valid token into its {@link ApiCaller}. A
 * request without a bearer token goes on unauthenticated (the allowlist or a 401 decides); a wrong
 * token is answered at once, and so is a key that cannot be checked because the database is down.
 */
final class BearerTokenAuthentication {
  private static final String PREFIX = "Bearer ";

  private BearerTokenAuthentication() {}

  static AuthenticationFilter filter(
      ApiToken token, ApiKeys keys, AuthenticationFailureHandler onWrongToken) {
    AuthenticationFilter filter =
        new AuthenticationFilter(verifier(token, keys), BearerTokenAuthentication::read);
    filter.setFailureHandler(onWrongToken);
    filter.setSuccessHandler((request, response, authentication) -> {});
    return filter;
  }

  /**
   * The one place that decides what a token is worth: the admin token (configuration, so it works
   * without the database), or else a vendor's API key that exists now (a revoked key is gone from
   * the store, so it fails at its next request).
   */
  static AuthenticationManager verifier(ApiToken token, ApiKeys keys) {
    return authentication -> {
      if (!(authentication instanceof PresentedToken presented)) {
        throw new BadCredentialsException("the API token is not valid");
      }
      if (token.matches(presented.value)) {
        return new CallerAuthentication(new ApiCaller.Admin());
      }
      return lookUp(keys, presented.value)
          .map(
              holder ->
                  new CallerAuthentication(
                      new ApiCaller.VendorKey(holder.keyId(), holder.vendorId())))
          .orElseThrow(() -> new BadCredentialsException("the API token is not valid"));
    };
  }

  /** A key that could not be checked is neither valid nor invalid: the caller is told to retry. */
  private static Optional<KeyHolder> lookUp(ApiKeys keys, String presented) {
    try {
      return keys.verify(presented);
    } catch (Refusal refusal) {
      if (refusal.kind() == Refusal.Kind.UNAVAILABLE) {
        throw new AuthenticationServiceException(refusal.getMessage());
      }
      throw refusal;
    }
  }

  private static Authentication read(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return null;
    }
    return new PresentedToken(header.substring(PREFIX.length()).trim());
  }

  /** A token as sent, not yet verified. */
  private static final class PresentedToken extends AbstractAuthenticationToken {
    private final String value;

    PresentedToken(String value) {
      super(List.of());
      this.value = value;
    }

    @Override
    public Object getPrincipal() {
      return null;
    }

    @Override
    public Object getCredentials() {
      return value;
    }
  }
}
