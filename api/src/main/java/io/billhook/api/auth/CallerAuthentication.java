package io.billhook.api.auth;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A verified request: the {@link ApiCaller} it acts as; the token itself is not kept. */
final class CallerAuthentication extends AbstractAuthenticationToken {
  private final ApiCaller caller;

  CallerAuthentication(ApiCaller caller) {
    super(caller.authorities());
    this.caller = caller;
    setAuthenticated(true);
  }

  @Override
  public ApiCaller getPrincipal() {
    return caller;
  }

  @Override
  public Object getCredentials() {
    return null;
  }
}
